using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>What changed in a centre's waiting list since a reader last looked.</summary>
/// <param name="Entries">Entries added or changed since then (every entry when <paramref name="Whole"/>).</param>
/// <param name="Removed">Calls removed since then (empty when <paramref name="Whole"/>).</param>
/// <param name="Whole">The page is the whole list: the reader drops what it holds that is not in it.</param>
/// <param name="Sequence">Where the list is now: the reader asks from here next time.</param>
[GenerateSerializer, Immutable, Alias("Sos.WaitingListPage")]
public sealed record WaitingListPage(
    [property: Id(0)] ImmutableArray<WaitingEntry> Entries,
    [property: Id(1)] ImmutableArray<Guid> Removed,
    [property: Id(2)] bool Whole,
    [property: Id(3)] long Sequence);
