using Orleans.Concurrency;

namespace Sos.Grains.Abstractions;

/// <summary>
/// The durable list of one operations centre's waiting calls, keyed by centre id: the one fact a press needs before
/// it is acknowledged besides the call itself. A call adds itself when it opens and removes itself when it stops
/// waiting; routing rebuilds its queue from here after a restart and catches up with it every second, so a routing
/// request lost with a silo costs at most that second. Writes that arrive together are committed together.
/// This grain awaits nobody.
/// </summary>
public interface IWaitingListGrain : IGrainWithStringKey
{
    /// <summary>Adds the call, or raises its priority; returns once that is durable. Adding it again changes nothing.</summary>
    Task AddAsync(WaitingEntry entry);

    /// <summary>Removes the call; returns once that is durable. Removing a call the list does not hold changes nothing.</summary>
    Task RemoveAsync(Guid callId);

    /// <summary>What changed since <paramref name="afterSequence"/> (0: the whole list).</summary>
    [ReadOnly]
    Task<WaitingListPage> ReadAsync(long afterSequence);
}
