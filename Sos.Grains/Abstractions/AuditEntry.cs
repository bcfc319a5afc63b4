namespace Sos.Grains.Abstractions;

/// <summary>
/// One entry of the audit trail as stored: its place in the trail, when it was written, what happened, and the hash
/// that chains it to the entry before it (<see cref="PreviousHash"/>), so that an entry changed, removed or slipped in
/// afterwards breaks the chain.
/// </summary>
[GenerateSerializer, Immutable, Alias("Sos.AuditEntry")]
public sealed record AuditEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Actor,
    [property: Id(3)] string Action,
    [property: Id(4)] string Subject,
    [property: Id(5)] string Detail,
    [property: Id(6)] string? Address,
    [property: Id(7)] string PreviousHash,
    [property: Id(8)] string Hash);
