using System.Collections.Immutable;
using Sos.Grains.Abstractions;

namespace Sos.Grains.Routing.Strategies;

/// <summary>Rings every available operator at once; the first to accept wins and the others stop ringing.</summary>
public sealed class RingAllStrategy : IOperatorSelectionStrategy
{
    /// <inheritdoc />
    public ImmutableArray<string> Choose(IReadOnlyList<OperatorSnapshot> candidates, string? lastRung) =>
        [.. candidates.Select(o => o.Login).Order(StringComparer.Ordinal)];
}
