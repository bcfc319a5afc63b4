using System.Collections.Immutable;
using Sos.Grains.Abstractions;

namespace Sos.Grains.Units;

/// <summary>
/// Ranks a centre's units for an incident: available units with a position, nearest first, fresh fixes before stale
/// ones; every other unit is listed after them with the reason it was left out. Sos recommends; the dispatcher decides.
/// </summary>
public static class NearestUnits
{
    /// <summary>Ranks <paramref name="units"/> for an incident at <paramref name="location"/>.</summary>
    public static ImmutableArray<UnitRanking> Rank(IncidentLocation location, IEnumerable<UnitSnapshot> units, DateTimeOffset now, UnitOptions options)
    {
        var ranked = new List<UnitRanking>();
        var left = new List<UnitRanking>();
        foreach (var unit in units.Where(u => u.IsRegistered))
        {
            var distance = unit.Position is { } fix ? fix.MetersTo(location.Latitude, location.Longitude) : (double?)null;
            var stale = unit.IsStale(now, options.StaleFixAfter);
            var reason = !unit.IsAvailable ? RankingReason.NotAvailable
                : distance is null ? RankingReason.NoPosition
                : distance > options.NearestRadiusMeters ? RankingReason.OutOfRadius
                : stale ? RankingReason.StalePosition
                : RankingReason.Nearest;
            var ranking = new UnitRanking(unit, distance, stale, reason, 0);
            (reason is RankingReason.Nearest or RankingReason.StalePosition ? ranked : left).Add(ranking);
        }

        // Fresh fixes first, then by distance: a stale fix may be far from where the unit is now.
        var order = ranked.OrderBy(r => r.IsStale).ThenBy(r => r.DistanceMeters).ThenBy(r => r.Unit.UnitId, StringComparer.Ordinal)
            .Take(Math.Max(1, options.NearestCount))
            .Select((r, i) => r with { Rank = i + 1 });
        var rest = left.OrderBy(r => r.Reason).ThenBy(r => r.DistanceMeters ?? double.MaxValue).ThenBy(r => r.Unit.UnitId, StringComparer.Ordinal);
        return [.. order, .. rest];
    }
}
