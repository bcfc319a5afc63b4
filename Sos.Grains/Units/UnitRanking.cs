using Sos.Grains.Abstractions;

namespace Sos.Grains.Units;

/// <summary>One unit as the nearest-unit list shows it.</summary>
/// <param name="Unit">The unit.</param>
/// <param name="DistanceMeters">Its distance from the incident by its last fix; null without a fix.</param>
/// <param name="IsStale">Its fix is older than <see cref="UnitOptions.StaleFixAfter"/> (or it has none).</param>
/// <param name="Reason">Why it is ranked where it is, or why it was left out.</param>
/// <param name="Rank">Its place among the recommended (from 1); 0 when left out.</param>
public sealed record UnitRanking(UnitSnapshot Unit, double? DistanceMeters, bool IsStale, RankingReason Reason, int Rank)
{
    /// <summary>Whether the dispatcher is offered it.</summary>
    public bool IsRecommended => Rank > 0;
}
