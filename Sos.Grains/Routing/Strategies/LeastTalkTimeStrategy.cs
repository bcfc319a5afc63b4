using System.Collections.Immutable;
using Sos.Grains.Abstractions;

namespace Sos.Grains.Routing.Strategies;

/// <summary>Rings the operator with the least talk time; between equals, the one free the longest.</summary>
public sealed class LeastTalkTimeStrategy : IOperatorSelectionStrategy
{
    /// <inheritdoc />
    public ImmutableArray<string> Choose(IReadOnlyList<OperatorSnapshot> candidates, string? lastRung) =>
        [candidates.OrderBy(o => o.TalkTime).ThenBy(o => o.IdleSince ?? o.PresenceSince).ThenBy(o => o.Login, StringComparer.Ordinal).First().Login];
}
