using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>One phone of the citizen channel: what it sent, and whether a supervisor blocked it.</summary>
/// <param name="DeviceId">The phone's own id.</param>
/// <param name="Reports">The reports and SOS calls it sent, oldest first (at most <see cref="ReportsKept"/>), with when.</param>
/// <param name="Block">The block in force; null while it may send.</param>
/// <param name="Verification">A code sent by SMS and not confirmed yet.</param>
/// <param name="VerifiedPhone">The phone number the device proved with a code; its SOS calls and reports from that number are marked verified.</param>
[GenerateSerializer, Immutable, Alias("Sos.CitizenDeviceSnapshot")]
public sealed record CitizenDeviceSnapshot(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] ImmutableArray<CitizenDeviceItem> Reports,
    [property: Id(2)] CitizenDeviceBlock? Block,
    [property: Id(3)] PhoneVerification? Verification = null,
    [property: Id(4)] string? VerifiedPhone = null)
{
    /// <summary>How many of its reports a device keeps a record of.</summary>
    public const int ReportsKept = 100;

    /// <summary>Whether <paramref name="phone"/> is the number this device proved.</summary>
    public bool Verified(string? phone) => phone is not null && string.Equals(VerifiedPhone, phone, StringComparison.Ordinal);
}

/// <summary>One item a device sent.</summary>
/// <param name="Id">The report's id, or the SOS session's (its call's).</param>
/// <param name="At">When Sos received it.</param>
/// <param name="IsSos">An SOS (never counted against the allowance); otherwise a report.</param>
[GenerateSerializer, Immutable, Alias("Sos.CitizenDeviceItem")]
public sealed record CitizenDeviceItem(
    [property: Id(0)] Guid Id,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] bool IsSos = false);
