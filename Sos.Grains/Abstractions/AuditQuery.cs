namespace Sos.Grains.Abstractions;

/// <summary>A search of the audit trail, newest entries first; every criterion given must hold.</summary>
/// <param name="Text">Words found in the actor, subject or detail (case-insensitive).</param>
/// <param name="Action">Only this action (<see cref="AuditActions"/>).</param>
/// <param name="From">Written at or after this moment.</param>
/// <param name="To">Written before this moment.</param>
/// <param name="Before">Only entries older than this sequence number (the next page).</param>
/// <param name="Limit">At most this many entries (1 to <see cref="MaximumLimit"/>).</param>
[GenerateSerializer, Immutable, Alias("Sos.AuditQuery")]
public sealed record AuditQuery(
    [property: Id(0)] string? Text = null,
    [property: Id(1)] string? Action = null,
    [property: Id(2)] DateTimeOffset? From = null,
    [property: Id(3)] DateTimeOffset? To = null,
    [property: Id(4)] long? Before = null,
    [property: Id(5)] int Limit = 200)
{
    /// <summary>The most entries one search returns.</summary>
    public const int MaximumLimit = 10_000;
}
