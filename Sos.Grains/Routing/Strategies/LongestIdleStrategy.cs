using System.Collections.Immutable;
using Sos.Grains.Abstractions;

namespace Sos.Grains.Routing.Strategies;

/// <summary>Rings the operator who has been free the longest (the default).</summary>
public sealed class LongestIdleStrategy : IOperatorSelectionStrategy
{
    /// <inheritdoc />
    public ImmutableArray<string> Choose(IReadOnlyList<OperatorSnapshot> candidates, string? lastRung) =>
        [candidates.OrderBy(o => o.IdleSince ?? o.PresenceSince).ThenBy(o => o.Login, StringComparer.Ordinal).First().Login];
}
