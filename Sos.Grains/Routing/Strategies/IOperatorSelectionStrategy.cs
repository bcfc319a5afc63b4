using System.Collections.Immutable;
using Sos.Grains.Abstractions;

namespace Sos.Grains.Routing.Strategies;

/// <summary>Picks which available operators a waiting call rings.</summary>
public interface IOperatorSelectionStrategy
{
    /// <summary>
    /// Chooses from <paramref name="candidates"/> (all Available, never empty). <paramref name="lastRung"/> is the
    /// operator the centre rang last, for strategies that take turns.
    /// </summary>
    ImmutableArray<string> Choose(IReadOnlyList<OperatorSnapshot> candidates, string? lastRung);
}
