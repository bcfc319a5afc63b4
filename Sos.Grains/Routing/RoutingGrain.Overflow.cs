using Microsoft.Extensions.Logging;
using Sos.Grains.Abstractions;
using Sos.Grains.Streams;
using Sos.Grains.Telemetry;

namespace Sos.Grains.Routing;

/// <summary>
/// One queue across operations centres. Each centre tells its queue state (NENA i3 QueueState) to the partners it
/// overflows to, and they answer with theirs, every second (one way, in memory). A waiting call that the centre's
/// rules send on (<see cref="OverflowRules"/>) also waits in the queue of every partner that takes overflow now; the
/// first offer the call accepts wins, the call keeps its home centre, and the home routing passes the call's notices
/// on to the partners so they let it go when it is answered anywhere.
/// </summary>
public sealed partial class RoutingGrain
{
    /// <summary>The partner centres' queue states as they last told, by centre id.</summary>
    private readonly Dictionary<string, QueueState> partnerStates = new(StringComparer.Ordinal);

    /// <summary>Centres that overflow here and asked for this centre's state, with when they last asked.</summary>
    private readonly Dictionary<string, DateTimeOffset> askers = new(StringComparer.Ordinal);

    private QueueState? published;
    private DateTimeOffset sharedAt;

    /// <inheritdoc />
    public async Task SetOverflowAsync(CentreOverflow chosen, string actor)
    {
        overflow = (await GrainFactory.GetCentre(CentreId).SetOverflowAsync(chosen, actor)).OverflowRules;
        logger.LogInformation("Centre {CentreId} overflows to {Partners}", CentreId, string.Join(", ", overflow.Partners));
    }

    /// <inheritdoc />
    public Task PartnerStateAsync(QueueState state, bool wantsMine)
    {
        partnerStates[state.CentreId] = state;
        if (wantsMine)
        {
            askers[state.CentreId] = clock.GetUtcNow();
            GrainFactory.GetRouting(state.CentreId).PartnerStateAsync(QueueNow(), wantsMine: false).Ignore();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task TakeOverflowAsync(WaitingEntry call, string homeCentreId)
    {
        if (homeCentreId != CentreId && !calls.ContainsKey(call.CallId))
        {
            Hold(call, homeCentreId);
            logger.LogInformation("Call {CallId} of centre {HomeCentreId} overflows to centre {CentreId}", call.CallId, homeCentreId, CentreId);
            Dispatch();
        }

        return Task.CompletedTask;
    }

    /// <summary>The centre's queue as it publishes it now.</summary>
    private QueueState QueueNow() =>
        new(CentreId, calls.Count, overflow.MaxQueue, OverflowRules.StateOf(overflow, calls.Count), FreeOperators().Count, clock.GetUtcNow());

    /// <summary>Operators routing may offer a call now: Available as they last told, no offer out to them, no decline since.</summary>
    private List<OperatorSnapshot> FreeOperators() =>
        [.. operators.Values.Where(o => o.IsFree && !offered.ContainsKey(o.Login) && !doubtful.Contains(o.Login))];

    /// <summary>A notice of one of this centre's calls that overflowed goes on to the partners that hold it too.</summary>
    private void ForwardToPartners(Held? held, CallNotice notice)
    {
        if (held is { Call.HomeCentreId: null, OverflowedTo.Count: > 0 })
        {
            foreach (var partner in held.OverflowedTo.Keys)
            {
                GrainFactory.GetRouting(partner).CallChangedAsync(notice).Ignore();
            }
        }
    }

    /// <summary>
    /// Tells partners and askers the queue state (when it changed, and every <c>Sos:Routing:WaitingListInterval</c>),
    /// publishes it for consoles when it changed, and sends on the calls the rules overflow to the partners that take
    /// them now (again every interval, so a partner that restarted holds them again).
    /// </summary>
    private void ShareQueue(DateTimeOffset now)
    {
        var queue = QueueNow();
        SosMetrics.QueueHeld(CentreId, queue.Length, queue.FreeOperators);
        var changed = published is null || published with { At = queue.At } != queue;
        if (changed || now - sharedAt >= Options.WaitingListInterval)
        {
            foreach (var partner in overflow.Partners)
            {
                GrainFactory.GetRouting(partner).PartnerStateAsync(queue, wantsMine: true).Ignore();
            }

            foreach (var (asker, askedAt) in askers.ToList())
            {
                if (now - askedAt > OverflowRules.PartnerStateLifetime)
                {
                    askers.Remove(asker);
                }
                else if (!overflow.Partners.Contains(asker))
                {
                    GrainFactory.GetRouting(asker).PartnerStateAsync(queue, wantsMine: false).Ignore();
                }
            }

            sharedAt = now;
        }

        if (changed)
        {
            published = queue;
            // Not awaited: a notification for consoles must never hold routing's turn (its queue may be on a dying silo).
            this.GetStreamProvider(SosConstants.StreamProvider).QueueStates(CentreId).TryPublishAsync(queue, logger).Ignore();
        }

        var takers = overflow.Partners.Where(p => partnerStates.TryGetValue(p, out var state) && OverflowRules.Takes(state, now)).ToList();
        if (takers.Count == 0)
        {
            return;
        }

        foreach (var held in calls.Values.Where(h => OverflowRules.ShouldOverflow(h.Call, now, overflow, queue.State, queue.FreeOperators)))
        {
            foreach (var partner in takers.Where(p => !held.OverflowedTo.TryGetValue(p, out var at) || now - at >= Options.WaitingListInterval))
            {
                if (!held.OverflowedTo.ContainsKey(partner))
                {
                    logger.LogInformation("Call {CallId} overflows from centre {CentreId} to {Partner}", held.Call.CallId, CentreId, partner);
                }

                held.OverflowedTo[partner] = now;
                var entry = new WaitingEntry(held.Call.CallId, held.Call.KioskId, held.Call.Priority, held.Call.WaitingSince);
                GrainFactory.GetRouting(partner).TakeOverflowAsync(entry, CentreId).Ignore();
            }
        }
    }
}
