using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>A citizen's report as Sos holds it.</summary>
/// <param name="ReportId">Its id (derived from the device and the client's request id).</param>
/// <param name="CentreId">The operations centre whose inbox holds it.</param>
/// <param name="Submission">What the app sent.</param>
/// <param name="ReceivedAt">When Sos received it.</param>
/// <param name="Status">Received, claimed, closed.</param>
/// <param name="Attachments">Its declared files, with those stored.</param>
/// <param name="Events">What the citizen has been told, in order.</param>
/// <param name="ClaimedBy">The dispatcher who took it (<see cref="Actors"/>); null until one does.</param>
/// <param name="IncidentId">The incident it became, if a dispatcher opened one.</param>
/// <param name="PhoneVerified">Whether the phone number given is the one the device proved with an SMS code.</param>
[GenerateSerializer, Immutable, Alias("Sos.CitizenReportSnapshot")]
public sealed record CitizenReportSnapshot(
    [property: Id(0)] Guid ReportId,
    [property: Id(1)] string CentreId,
    [property: Id(2)] CitizenReportSubmission? Submission,
    [property: Id(3)] DateTimeOffset ReceivedAt,
    [property: Id(4)] CitizenReportStatus Status,
    [property: Id(5)] ImmutableArray<CitizenReportAttachment> Attachments,
    [property: Id(6)] ImmutableArray<CitizenStatusEvent> Events = default,
    [property: Id(7)] string? ClaimedBy = null,
    [property: Id(8)] Guid? IncidentId = null,
    [property: Id(9)] bool PhoneVerified = false)
{
    /// <summary>Whether a report was received under this id.</summary>
    public bool Exists => Submission is not null;

    /// <summary>Whether every declared file is stored.</summary>
    public bool Complete => Attachments.All(a => a.StoredAt is not null);
}
