using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sos.Grains.Abstractions;
using Sos.Grains.Storage;

namespace Sos.Grains.Citizens;

/// <summary>
/// One citizen report. Keyed by an id derived from the device and the app's request id, so a retried submission finds
/// the report its first attempt made; it is written before it is acknowledged, and put in its centre's inbox.
/// </summary>
public sealed class CitizenReportGrain(
    [PersistentState("citizen-report", SosConstants.StateStore)] IPersistentState<CitizenReportSnapshot> state,
    [FromKeyedServices(SosConstants.ClockKey)] TimeProvider clock,
    ILogger<CitizenReportGrain> logger) : Grain, ICitizenReportGrain
{
    private Guid ReportId => this.GetPrimaryKey();

    private CitizenReportSnapshot Current => state.RecordExists ? state.State : new(ReportId, string.Empty, null, default, CitizenReportStatus.Received, []);

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

        var received = new CitizenReportSnapshot(
            ReportId, centreId, normalised, clock.GetUtcNow(), CitizenReportStatus.Received,
            [.. normalised.Attachments.Select(a => new CitizenReportAttachment(a, null, null))]);
        await state.CommitAsync(received);
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
        await state.CommitAsync(stored);
        return stored;
    }

    /// <summary>Whether two submissions say the same (arrays compared by their contents).</summary>
    private static bool Same(CitizenReportSubmission a, CitizenReportSubmission b) =>
        JsonSerializer.Serialize(a) == JsonSerializer.Serialize(b);
}
