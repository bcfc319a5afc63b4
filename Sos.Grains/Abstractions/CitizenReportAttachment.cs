namespace Sos.Grains.Abstractions;

/// <summary>A declared file of a report (or of an SOS chat), and where it is kept once uploaded.</summary>
/// <param name="Declared">What the app declared.</param>
/// <param name="StoredAt">When its bytes were stored (checked against the declaration); null until then.</param>
/// <param name="Path">Where it is kept, relative to the evidence directory; null until stored.</param>
[GenerateSerializer, Immutable, Alias("Sos.CitizenReportAttachment")]
public sealed record CitizenReportAttachment(
    [property: Id(0)] AttachmentDeclaration Declared,
    [property: Id(1)] DateTimeOffset? StoredAt,
    [property: Id(2)] string? Path);
