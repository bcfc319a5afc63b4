using System.Collections.Immutable;
using Sos.Grains.Abstractions;
using Sos.Grains.Routing.Strategies;

namespace Sos.Grains.Routing;

/// <summary>One call to ring and whom it rings.</summary>
/// <param name="CallId">The call.</param>
/// <param name="Operators">Who it rings.</param>
public sealed record Match(Guid CallId, ImmutableArray<string> Operators);

/// <summary>
/// Which waiting call rings whom: every queued call, highest priority and longest waiting first, against every free
/// operator, by the centre's strategy. An operator who let a call ring out is offered it again only when nobody else
/// is free. Pure: no grain, no clock, no I/O.
/// </summary>
public static class Matchmaker
{
    /// <summary>
    /// Matches <paramref name="queued"/> (calls with no offer out) with <paramref name="free"/> operators; returns the
    /// matches in ring order and the operator rung last (for round-robin).
    /// </summary>
    public static (ImmutableArray<Match> Matches, string? LastRung) Match(
        IEnumerable<WaitingCall> queued, IReadOnlyCollection<OperatorSnapshot> free, RoutingStrategy strategy, string? lastRung)
    {
        var matches = ImmutableArray.CreateBuilder<Match>();
        var available = free.ToList();
        var selection = OperatorSelection.For(strategy);
        foreach (var call in queued.Where(c => !c.IsRinging).Order(WaitingCallOrder.Instance))
        {
            if (available.Count == 0)
            {
                break;
            }

            var fresh = available.Where(o => !call.MissedBy.Contains(o.Login)).ToList();
            var chosen = selection.Choose(fresh.Count > 0 ? fresh : available, lastRung);
            available.RemoveAll(o => chosen.Contains(o.Login));
            lastRung = chosen[^1];
            matches.Add(new Match(call.CallId, chosen));
        }

        return (matches.ToImmutable(), lastRung);
    }
}
