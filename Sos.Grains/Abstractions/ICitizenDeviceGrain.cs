namespace Sos.Grains.Abstractions;

/// <summary>
/// One phone of the citizen channel, keyed by its device id: the one owner of its block and its allowance. Reports ask
/// it before they are received; it awaits only the audit trail.
/// </summary>
public interface ICitizenDeviceGrain : IGrainWithStringKey
{
    /// <summary>
    /// Admits a report from the device: refused when a supervisor blocked it (<c>device-blocked</c>) or it sent
    /// <c>Sos:Citizen:ReportsPerHour</c> within the last hour (<c>too-many-reports</c>). A report admitted before is
    /// admitted again.
    /// </summary>
    Task<CitizenDeviceSnapshot> AdmitReportAsync(Guid reportId);

    /// <summary>Records an SOS from the device (kept with its earlier items); never refused, whatever its block or allowance.</summary>
    Task<CitizenDeviceSnapshot> NoteSosAsync(Guid sessionId);

    /// <summary>
    /// Makes a code to prove <paramref name="phone"/> (<c>phone-invalid</c> when it is not a phone number), to be sent
    /// by SMS; it replaces any earlier one. Refused within a minute of the last (<c>verification-too-soon</c>, the
    /// seconds to wait as its argument).
    /// </summary>
    Task<PhoneCode> StartPhoneVerificationAsync(string phone);

    /// <summary>
    /// Confirms the code sent last: the device's phone is then verified. Refused when no code waits
    /// (<c>verification-none</c>), it expired or was tried wrong too often (<c>verification-expired</c>), or it is wrong
    /// (<c>code-wrong</c>, the attempts left as its argument).
    /// </summary>
    Task<CitizenDeviceSnapshot> ConfirmPhoneAsync(string code);

    /// <summary>The device: its reports and its block.</summary>
    Task<CitizenDeviceSnapshot> GetAsync();

    /// <summary>Blocks the device (its reports are refused; an SOS never is).</summary>
    /// <remarks>Recorded in the audit trail as done by <paramref name="actor"/>.</remarks>
    Task<CitizenDeviceSnapshot> BlockAsync(string reason, string actor);

    /// <summary>Lifts the device's block.</summary>
    /// <remarks>Recorded in the audit trail as done by <paramref name="actor"/>.</remarks>
    Task<CitizenDeviceSnapshot> UnblockAsync(string actor);
}
