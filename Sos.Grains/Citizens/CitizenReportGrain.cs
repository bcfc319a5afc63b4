using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sos.Grains.Abstractions;
using Sos.Grains.Storage;
using Sos.Grains.Streams;

namespace Sos.Grains.Citizens;

/// <summary>
/// One citizen report. Keyed by an id derived from the device and the app's request id, so a retried submission finds
/// the report its first attempt made; it is written before it is acknowledged, and put in its centre's inbox.
/// </summary>
public sealed class CitizenReportGrain(
    [PersistentState("citizen-report", SosConstants.StateStore)] IPersistentState<CitizenReportSnapshot> state,
    [FromKeyedServices(SosConstants.ClockKey)] TimeProvider clock,
    IOptions<CitizenOptions> options,
    ILogger<CitizenReportGrain> logger) : Grain, ICitizenReportGrain
{
    private Guid ReportId => this.GetPrimaryKey();

    private CitizenReportSnapshot Current => state.RecordExists
        ? (state.State.Events.IsDefault ? state.State with { Events = [] } : state.State)
        : new(ReportId, string.Empty, null, default, CitizenReportStatus.Received, [], []);

    /// <inheritdoc />
    public async Task<CitizenReportSnapshot> SubmitAsync(CitizenReportSubmission submission, string centreId)
    {
        var normalised = submission with { Attachments = submission.Attachments.IsDefault ? [] : submission.Attachments };
        if (Current.Submission is { } known)
        {
            if (!Same(known, normalised))
            {
                throw new SosDomainException("client-request-reused", $"Report {ReportId} was received with other contents under client request id {submission.ClientRequestId}: make a new id for a new report.", submission.ClientRequestId.ToString());
            }

            await GrainFactory.GetCitizenInbox(Current.CentreId).AddAsync(ReportId);
            return Current;
        }

        var problems = CitizenReportRules.Problems(normalised, clock.GetUtcNow());
        if (problems.Count > 0)
        {
            throw new SosDomainException("report-invalid", $"A report needs {string.Join(", ", problems)}.", string.Join(", ", problems));
        }

        if (CitizenIds.Report(normalised.DeviceId, normalised.ClientRequestId) != ReportId)
        {
            throw new SosDomainException("report-invalid", $"Report {ReportId} is not the report of this device and client request id.");
        }

        var device = await GrainFactory.GetCitizenDevice(normalised.DeviceId).AdmitReportAsync(ReportId);
        var now = clock.GetUtcNow();
        var received = new CitizenReportSnapshot(
            ReportId, centreId, normalised, now, CitizenReportStatus.Received,
            [.. normalised.Attachments.Select(a => new CitizenReportAttachment(a, null, null))],
            [new CitizenStatusEvent(1, now, CitizenStatusEvent.Kinds.Accepted, null)],
            PhoneVerified: !normalised.Anonymous && device.Verified(normalised.Phone));
        await ChangeAsync(received);
        await GrainFactory.GetCitizenInbox(centreId).AddAsync(ReportId);
        logger.LogInformation("Citizen report {ReportId} received for centre {CentreId} ({Attachments} files to come)", ReportId, centreId, received.Attachments.Length);
        return received;
    }

    /// <inheritdoc />
    public Task<CitizenReportSnapshot> GetAsync() => Task.FromResult(Current);

    /// <inheritdoc />
    public async Task<CitizenReportSnapshot> AttachmentStoredAsync(int attachmentId, string path)
    {
        var report = Current;
        var index = report.Attachments.IndexOf(report.Attachments.FirstOrDefault(a => a.Declared.AttachmentId == attachmentId)!);
        if (!report.Exists || index < 0)
        {
            throw new SosDomainException("attachment-unknown", $"Report {ReportId} declared no attachment {attachmentId}.", attachmentId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (report.Attachments[index].StoredAt is not null)
        {
            return report;
        }

        var stored = report with { Attachments = report.Attachments.SetItem(index, report.Attachments[index] with { StoredAt = clock.GetUtcNow(), Path = path }) };
        await ChangeAsync(stored);
        return stored;
    }

    /// <inheritdoc />
    public async Task<CitizenReportSnapshot> ClaimAsync(string actor)
    {
        var report = RequireOpen();
        if (report.ClaimedBy == actor)
        {
            return report;
        }

        var claimed = (report.ClaimedBy is null ? Told(report, CitizenStatusEvent.Kinds.OperatorJoined, null) : report) with { Status = CitizenReportStatus.Claimed, ClaimedBy = actor };
        await ChangeAsync(claimed);
        return claimed;
    }

    /// <inheritdoc />
    public async Task<CitizenReportSnapshot> ReplyAsync(string text, string actor)
    {
        var report = RequireOpen();
        var said = text?.Trim() is { Length: > 0 and <= 2000 } trimmed ? trimmed : throw new SosDomainException("message-invalid", "A message to the citizen is 1–2000 characters.");
        var replied = Told(report.ClaimedBy is null ? Told(report, CitizenStatusEvent.Kinds.OperatorJoined, null) with { ClaimedBy = actor, Status = CitizenReportStatus.Claimed } : report, CitizenStatusEvent.Kinds.Message, said);
        await ChangeAsync(replied);
        return replied;
    }

    /// <inheritdoc />
    public async Task<CitizenReportSnapshot> OpenIncidentAsync(string actor)
    {
        var report = RequireOpen();
        if (report.IncidentId is not null)
        {
            return report;
        }

        // Named by the report, so a retry opens the same incident.
        var incidentId = NameBasedIds.For("incident-of-citizen-report", ReportId);
        var submission = report.Submission!;
        var place = submission.Location is { } at ? IncidentLocation.OfPhone(at) : null;
        var incident = GrainFactory.GetIncident(incidentId);
        var opened = await incident.OpenAsync(new IncidentOpening(report.CentreId, IncidentSource.CitizenApp, actor, Location: place, CitizenReportId: ReportId));
        if (opened.Notes.IsEmpty && !string.IsNullOrWhiteSpace(submission.Text))
        {
            opened = await incident.AddNoteAsync($"Citizen report ({submission.Category}): {submission.Text}", actor);
        }

        var linked = Told(report, CitizenStatusEvent.Kinds.Incident, opened.Number) with { IncidentId = incidentId, ClaimedBy = report.ClaimedBy ?? actor, Status = CitizenReportStatus.Claimed };
        await ChangeAsync(linked);
        return linked;
    }

    /// <inheritdoc />
    public async Task<CitizenReportSnapshot> CloseAsync(string publicNote, string actor)
    {
        var report = RequireOpen();
        var note = publicNote?.Trim() is { Length: > 0 and <= 2000 } trimmed ? trimmed : throw new SosDomainException("message-invalid", "A public note to the citizen is 1–2000 characters.");
        var closed = Told(report, CitizenStatusEvent.Kinds.Closed, note) with { Status = CitizenReportStatus.Closed, ClaimedBy = report.ClaimedBy ?? actor };
        await ChangeAsync(closed);
        await GrainFactory.GetCitizenInbox(report.CentreId).RemoveAsync(ReportId);
        return closed;
    }

    /// <inheritdoc />
    public async Task IncidentMovedAsync(IncidentProgress progress)
    {
        var report = Current;
        if (!report.Exists || report.IncidentId != progress.IncidentId || report.Status == CitizenReportStatus.Closed)
        {
            return;
        }

        // Closed with a public note, the incident closes the report with it: the dispatcher writes to the citizen once.
        var closesIt = progress is { Ended: true, PublicNote: not null };
        var told = CitizenFollowUp.Tell(report.Events, closesIt ? progress with { Ended = false } : progress, options.Value.PatrolSpeedKmh, clock.GetUtcNow());
        var next = report with { Events = told };
        if (closesIt)
        {
            next = Told(next, CitizenStatusEvent.Kinds.Closed, progress.PublicNote) with { Status = CitizenReportStatus.Closed, ClaimedBy = report.ClaimedBy ?? progress.EndedBy };
        }

        if (next == report)
        {
            return;
        }

        await ChangeAsync(next);
        if (closesIt)
        {
            await GrainFactory.GetCitizenInbox(report.CentreId).RemoveAsync(ReportId);
        }
    }

    private CitizenReportSnapshot RequireOpen()
    {
        var report = Current;
        if (!report.Exists)
        {
            throw new SosDomainException("report-unknown", $"No report {ReportId} was received.");
        }

        return report.Status == CitizenReportStatus.Closed
            ? throw new SosDomainException("report-closed", $"Report {ReportId} is closed.")
            : report;
    }

    private CitizenReportSnapshot Told(CitizenReportSnapshot report, string kind, string? text) =>
        report with { Events = report.Events.Add(new CitizenStatusEvent(report.Events.Length + 1, clock.GetUtcNow(), kind, text)) };

    private async Task ChangeAsync(CitizenReportSnapshot next)
    {
        await state.CommitAsync(next);
        await this.GetStreamProvider(SosConstants.StreamProvider).CitizenReportChanges(next.CentreId).TryPublishAsync(next, logger);
    }

    /// <summary>Whether two submissions say the same (arrays compared by their contents).</summary>
    private static bool Same(CitizenReportSubmission a, CitizenReportSubmission b) =>
        JsonSerializer.Serialize(a) == JsonSerializer.Serialize(b);
}
