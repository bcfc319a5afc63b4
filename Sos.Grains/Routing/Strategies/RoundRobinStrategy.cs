using System.Collections.Immutable;
using Sos.Grains.Abstractions;

namespace Sos.Grains.Routing.Strategies;

/// <summary>Rings available operators in turn, by login, starting after the one rung last.</summary>
public sealed class RoundRobinStrategy : IOperatorSelectionStrategy
{
    /// <inheritdoc />
    public ImmutableArray<string> Choose(IReadOnlyList<OperatorSnapshot> candidates, string? lastRung)
    {
        var ordered = candidates.Select(o => o.Login).Order(StringComparer.Ordinal).ToList();
        var next = lastRung is null ? null : ordered.FirstOrDefault(login => string.CompareOrdinal(login, lastRung) > 0);
        return [next ?? ordered[0]];
    }
}
