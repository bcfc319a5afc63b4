using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>
/// A citizen's non-emergency report as its app sends it, whichever app that is. The same device and
/// <paramref name="ClientRequestId"/> again is the same report (see <see cref="CitizenIds"/>).
/// </summary>
/// <param name="DeviceId">The phone's own id (kept even for anonymous reports).</param>
/// <param name="ClientRequestId">Made by the app for this report; a retry carries the same.</param>
/// <param name="Category">What it is about (the app's category code).</param>
/// <param name="Text">What the citizen wrote.</param>
/// <param name="OccurredAt">When it happened, if the citizen said.</param>
/// <param name="Location">Where it happened, if given.</param>
/// <param name="Anonymous">The citizen asked not to be named to the police.</param>
/// <param name="Name">The citizen's name, unless anonymous.</param>
/// <param name="Phone">The citizen's phone number, unless anonymous.</param>
/// <param name="Language">The language to answer in (<see cref="Languages"/>).</param>
/// <param name="Attachments">The files that will follow (at most <see cref="CitizenReportRules.MaxAttachments"/>).</param>
[GenerateSerializer, Immutable, Alias("Sos.CitizenReportSubmission")]
public sealed record CitizenReportSubmission(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] Guid ClientRequestId,
    [property: Id(2)] string Category,
    [property: Id(3)] string Text,
    [property: Id(4)] DateTimeOffset? OccurredAt,
    [property: Id(5)] CitizenLocation? Location,
    [property: Id(6)] bool Anonymous,
    [property: Id(7)] string? Name,
    [property: Id(8)] string? Phone,
    [property: Id(9)] string Language,
    [property: Id(10)] ImmutableArray<AttachmentDeclaration> Attachments);
