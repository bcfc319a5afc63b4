using System.Collections.Immutable;
using Sos.Grains.Abstractions;

namespace Sos.Grains.Routing;

/// <summary>The persisted state of one centre's waiting list.</summary>
/// <param name="Entries">The waiting calls, by id.</param>
/// <param name="Sequence">The sequence of the latest change.</param>
[GenerateSerializer, Immutable, Alias("Sos.WaitingListState")]
public sealed record WaitingListState(
    [property: Id(0)] ImmutableDictionary<Guid, WaitingEntry> Entries,
    [property: Id(1)] long Sequence)
{
    /// <summary>A centre with no waiting call.</summary>
    public static readonly WaitingListState Empty = new(ImmutableDictionary<Guid, WaitingEntry>.Empty, 0);
}
