namespace Sos.Grains.Abstractions;

/// <summary>The result of checking the audit trail's hash chain from its first entry to its last.</summary>
/// <param name="Intact">Whether every entry's hash matches its content and the hash before it.</param>
/// <param name="Checked">How many entries were checked.</param>
/// <param name="BrokenAt">The sequence number of the first entry that does not match, if any.</param>
/// <param name="Problem">What does not match there, in words.</param>
[GenerateSerializer, Immutable, Alias("Sos.AuditVerification")]
public sealed record AuditVerification(
    [property: Id(0)] bool Intact,
    [property: Id(1)] long Checked,
    [property: Id(2)] long? BrokenAt = null,
    [property: Id(3)] string? Problem = null);
