using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sos.Grains.Abstractions;
using Sos.Grains.Storage;

namespace Sos.Grains.Citizens;

/// <summary>One phone of the citizen channel: its reports (the allowance counts them) and its block.</summary>
public sealed class CitizenDeviceGrain(
    [PersistentState("citizen-device", SosConstants.StateStore)] IPersistentState<CitizenDeviceSnapshot> state,
    [FromKeyedServices(SosConstants.ClockKey)] TimeProvider clock,
    IOptions<CitizenOptions> options) : Grain, ICitizenDeviceGrain
{
    private string DeviceId => this.GetPrimaryKeyString();

    private CitizenDeviceSnapshot Current => !state.RecordExists ? new(DeviceId, [], null)
        : state.State.Reports.IsDefault ? state.State with { Reports = [] }
        : state.State;

    /// <inheritdoc />
    public async Task<CitizenDeviceSnapshot> AdmitReportAsync(Guid reportId)
    {
        var device = Current;
        if (device.Reports.Any(r => r.Id == reportId))
        {
            return device;
        }

        if (device.Block is { } block)
        {
            throw new SosDomainException("device-blocked", $"This device may not send reports: a supervisor blocked it on {block.At:yyyy-MM-dd}.", DeviceId);
        }

        var now = clock.GetUtcNow();
        var lastHour = device.Reports.Where(r => !r.IsSos && r.At > now - TimeSpan.FromHours(1)).ToList();
        if (lastHour.Count >= Math.Max(1, options.Value.ReportsPerHour))
        {
            var free = lastHour.Min(r => r.At) + TimeSpan.FromHours(1);
            throw new SosDomainException(
                "too-many-reports",
                $"This device sent {lastHour.Count} reports within the hour, as many as it may; it may send again after {free:O}. In an emergency press SOS: it is never refused.",
                Math.Ceiling((free - now).TotalSeconds).ToString(CultureInfo.InvariantCulture));
        }

        var kept = device.Reports.Length < CitizenDeviceSnapshot.ReportsKept ? device.Reports : device.Reports.RemoveAt(0);
        var admitted = device with { Reports = kept.Add(new CitizenDeviceItem(reportId, now)) };
        await state.CommitAsync(admitted);
        return admitted;
    }

    /// <inheritdoc />
    public async Task<CitizenDeviceSnapshot> NoteSosAsync(Guid sessionId)
    {
        var device = Current;
        if (device.Reports.Any(r => r.Id == sessionId))
        {
            return device;
        }

        var kept = device.Reports.Length < CitizenDeviceSnapshot.ReportsKept ? device.Reports : device.Reports.RemoveAt(0);
        var noted = device with { Reports = kept.Add(new CitizenDeviceItem(sessionId, clock.GetUtcNow(), IsSos: true)) };
        await state.CommitAsync(noted);
        return noted;
    }

    /// <inheritdoc />
    public async Task<PhoneCode> StartPhoneVerificationAsync(string phone)
    {
        var number = phone?.Trim() is { Length: > 0 } trimmed && CitizenReportRules.IsPhone(trimmed)
            ? trimmed
            : throw new SosDomainException("phone-invalid", "A phone number is 5–20 digits, with '+' first if international.", "phone");
        var device = Current;
        var now = clock.GetUtcNow();
        if (device.Verification is { } last && last.SentAt + PhoneVerification.ResendAfter > now)
        {
            var wait = Math.Ceiling((last.SentAt + PhoneVerification.ResendAfter - now).TotalSeconds);
            throw new SosDomainException("verification-too-soon", $"A code was sent less than a minute ago; ask again in {wait} s.", wait.ToString(CultureInfo.InvariantCulture));
        }

        var code = RandomNumberGenerator.GetInt32(0, (int)Math.Pow(10, PhoneVerification.Digits)).ToString(new string('0', PhoneVerification.Digits), CultureInfo.InvariantCulture);
        var salt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var waiting = new PhoneVerification(number, salt, Hash(salt, code), now, now + PhoneVerification.ValidFor, 0);
        await state.CommitAsync(device with { Verification = waiting });
        return new PhoneCode(number, code, waiting.ExpiresAt, now + PhoneVerification.ResendAfter);
    }

    /// <inheritdoc />
    public async Task<CitizenDeviceSnapshot> ConfirmPhoneAsync(string code)
    {
        var device = Current;
        if (device.Verification is not { } waiting)
        {
            throw new SosDomainException("verification-none", "No code waits for this device: ask for one first.");
        }

        if (waiting.ExpiresAt <= clock.GetUtcNow() || waiting.WrongAttempts >= PhoneVerification.MaxWrongAttempts)
        {
            throw new SosDomainException("verification-expired", "The code has expired (or was tried wrong too often): ask for a new one.");
        }

        var given = code?.Trim() ?? string.Empty;
        if (!CryptographicOperations.FixedTimeEquals(Convert.FromHexString(Hash(waiting.Salt, given)), Convert.FromHexString(waiting.CodeHash)))
        {
            var tried = waiting with { WrongAttempts = waiting.WrongAttempts + 1 };
            await state.CommitAsync(device with { Verification = tried });
            var left = PhoneVerification.MaxWrongAttempts - tried.WrongAttempts;
            throw new SosDomainException("code-wrong", $"That is not the code sent; {left} attempts left.", left.ToString(CultureInfo.InvariantCulture));
        }

        var verified = device with { Verification = null, VerifiedPhone = waiting.Phone };
        await state.CommitAsync(verified);
        return verified;
    }

    private static string Hash(string salt, string code) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(salt + ":" + code)));

    /// <inheritdoc />
    public Task<CitizenDeviceSnapshot> GetAsync() => Task.FromResult(Current);

    /// <inheritdoc />
    public async Task<CitizenDeviceSnapshot> BlockAsync(string reason, string actor)
    {
        var why = reason?.Trim() is { Length: > 0 and <= 500 } trimmed ? trimmed : throw new SosDomainException("words-invalid", "A block needs a reason: 1–500 printable characters.", "reason", "500");
        var blocked = Current with { Block = new CitizenDeviceBlock(actor, clock.GetUtcNow(), why) };
        await state.CommitAsync(blocked);
        await GrainFactory.GetAudit().AppendAsync(new AuditRecord(actor, AuditActions.CitizenDeviceBlocked, $"citizen-device:{DeviceId}", why));
        return blocked;
    }

    /// <inheritdoc />
    public async Task<CitizenDeviceSnapshot> UnblockAsync(string actor)
    {
        if (Current.Block is null)
        {
            return Current;
        }

        var lifted = Current with { Block = null };
        await state.CommitAsync(lifted);
        await GrainFactory.GetAudit().AppendAsync(new AuditRecord(actor, AuditActions.CitizenDeviceUnblocked, $"citizen-device:{DeviceId}", "block lifted"));
        return lifted;
    }
}
