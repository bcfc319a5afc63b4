using System.Globalization;
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

    private CitizenDeviceSnapshot Current => state.RecordExists && !state.State.Reports.IsDefault ? state.State : new(DeviceId, [], state.RecordExists ? state.State.Block : null);

    /// <inheritdoc />
    public async Task AdmitReportAsync(Guid reportId)
    {
        var device = Current;
        if (device.Reports.Any(r => r.Id == reportId))
        {
            return;
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
        await state.CommitAsync(device with { Reports = kept.Add(new CitizenDeviceItem(reportId, now)) });
    }

    /// <inheritdoc />
    public async Task NoteSosAsync(Guid sessionId)
    {
        var device = Current;
        if (device.Reports.Any(r => r.Id == sessionId))
        {
            return;
        }

        var kept = device.Reports.Length < CitizenDeviceSnapshot.ReportsKept ? device.Reports : device.Reports.RemoveAt(0);
        await state.CommitAsync(device with { Reports = kept.Add(new CitizenDeviceItem(sessionId, clock.GetUtcNow(), IsSos: true)) });
    }

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
