using Microsoft.Extensions.Logging;
using Sos.Grains.Abstractions;

namespace Sos.Grains.Routing;

/// <summary>Routing's in-memory queue: what it holds of each waiting call, and how it catches up with the waiting list.</summary>
public sealed partial class RoutingGrain
{
    /// <summary>
    /// Catches up with the centre's durable waiting list: calls whose routing request was lost come in here. Bounded
    /// by the interval: while the list's silo is dying, routing goes on matching and tries again at the next tick.
    /// </summary>
    private async Task ReadWaitingListAsync()
    {
        listReadAt = clock.GetUtcNow();
        WaitingListPage page;
        try
        {
            page = await GrainFactory.GetWaitingList(CentreId).ReadAsync(listSequence).WaitAsync(Options.WaitingListInterval);
        }
        catch (Exception exception) when (exception is TimeoutException or OrleansException)
        {
            logger.LogWarning(exception, "Routing of centre {CentreId} could not read its waiting list; it tries again", CentreId);
            listReadAt = DateTimeOffset.MinValue;
            return;
        }

        if (page.Whole)
        {
            var listed = page.Entries.Select(e => e.CallId).ToHashSet();
            foreach (var gone in calls.Values.Where(h => h.Call.HomeCentreId is null && !listed.Contains(h.Call.CallId)).Select(h => h.Call.CallId).ToList())
            {
                calls.Remove(gone);
            }
        }

        foreach (var removed in page.Removed)
        {
            calls.Remove(removed);
        }

        foreach (var entry in page.Entries)
        {
            Hold(entry);
        }

        listSequence = page.Sequence;
    }

    /// <summary>Whether the operator told routing they rang with the call and, since, where they are now.</summary>
    private bool ToldSinceRinging(string login, Guid callId) =>
        toldRinging.TryGetValue(login, out var rang) && rang == callId
        && operators.TryGetValue(login, out var now) && !(now.Presence == OperatorPresence.Ringing && now.CallId == callId);

    /// <summary>The call waits for the operator's word on where they are now, for a second at most.</summary>
    private void Await(Held held, string login)
    {
        held.Awaited.Add(login);
        held.AwaitTicks = (int)Math.Ceiling(AwaitWord / Options.TickInterval);
        (awaited.TryGetValue(login, out var set) ? set : awaited[login] = []).Add(held.Call.CallId);
    }

    /// <summary>Takes a waiting call in (a partner's, when <paramref name="homeCentreId"/> is given), or raises the priority of one held already.</summary>
    private Held Hold(WaitingEntry entry, string? homeCentreId = null)
    {
        if (calls.TryGetValue(entry.CallId, out var held))
        {
            if (entry.Priority > held.Call.Priority)
            {
                held.Call = held.Call with { Priority = entry.Priority };
            }

            return held;
        }

        held = new Held(new WaitingCall(entry.CallId, entry.KioskId, entry.Priority, entry.WaitingSince, [], 0, [], false, homeCentreId));
        calls[entry.CallId] = held;
        logger.LogInformation("Call {CallId} from kiosk {KioskId} waits in centre {CentreId}", entry.CallId, entry.KioskId, CentreId);
        return held;
    }

    /// <summary>A waiting call as routing holds it, with what routing needs to follow it.</summary>
    private sealed class Held(WaitingCall call)
    {
        public WaitingCall Call { get; set; } = call;

        /// <summary>The newest notice of the call routing followed.</summary>
        public int Sequence { get; set; }

        /// <summary>When routing asked the call to ring (or first heard it rings): the call should tell within a ring.</summary>
        public DateTimeOffset? AskedAt { get; set; }

        /// <summary>Not offered again before routing's next tick (after a ring-out or a failed offer).</summary>
        public bool WaitsForTick { get; set; }

        /// <summary>Operators who just let it ring out and have not said since where they are; and for how many ticks more.</summary>
        public HashSet<string> Awaited { get; } = new(StringComparer.Ordinal);

        /// <summary>Ticks left to wait for <see cref="Awaited"/>.</summary>
        public int AwaitTicks { get; set; }

        /// <summary>Operators the call said, in its latest notice, that it rings.</summary>
        public HashSet<string> Rang { get; } = new(StringComparer.Ordinal);

        /// <summary>Partner centres this centre's call overflowed to, and when it last told them.</summary>
        public Dictionary<string, DateTimeOffset> OverflowedTo { get; } = new(StringComparer.Ordinal);
    }
}
