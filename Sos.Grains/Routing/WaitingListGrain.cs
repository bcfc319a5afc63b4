using System.Collections.Immutable;
using Orleans.Concurrency;
using Sos.Grains.Abstractions;
using Sos.Grains.Storage;

namespace Sos.Grains.Routing;

/// <summary>
/// One centre's durable list of waiting calls. Calls add and remove themselves; routing reads what changed since it
/// last looked. Changes that arrive together are written together (<see cref="GroupCommit"/>), so a burst of presses
/// costs a few writes. Removals are remembered in memory for readers that catch up; a reader from before this
/// activation (or from too long ago) gets the whole list.
/// </summary>
[Reentrant] // Safe: every change of state is a synchronous in-memory update; writes are serialised by GroupCommit.
public sealed class WaitingListGrain : Grain, IWaitingListGrain
{
    /// <summary>Removals kept for readers that catch up; an older reader gets the whole list.</summary>
    private const int RemovalsKept = 4096;

    private readonly IPersistentState<WaitingListState> state;
    private readonly GroupCommit commit;
    private readonly Queue<(long Sequence, Guid CallId)> removals = new();
    private long horizon;

    /// <summary>Creates the grain over its persisted state.</summary>
    public WaitingListGrain([PersistentState("waiting", SosConstants.StateStore)] IPersistentState<WaitingListState> state)
    {
        this.state = state;
        commit = new GroupCommit(state.WriteStateAsync);
    }

    private WaitingListState Current => state.RecordExists || commit.HasChanges ? state.State : WaitingListState.Empty;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        horizon = Current.Sequence;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task AddAsync(WaitingEntry entry)
    {
        var current = Current;
        if (current.Entries.TryGetValue(entry.CallId, out var known) && known.Priority >= entry.Priority)
        {
            // Held already: the caller still returns only once it is durable (a write may be under way).
            await commit.CommitAsync();
            return;
        }

        var sequence = current.Sequence + 1;
        state.State = new WaitingListState(current.Entries.SetItem(entry.CallId, entry with { Sequence = sequence }), sequence);
        await commit.CommitAsync();
    }

    /// <inheritdoc />
    public async Task RemoveAsync(Guid callId)
    {
        var current = Current;
        if (!current.Entries.ContainsKey(callId))
        {
            return;
        }

        var sequence = current.Sequence + 1;
        state.State = new WaitingListState(current.Entries.Remove(callId), sequence);
        removals.Enqueue((sequence, callId));
        while (removals.Count > RemovalsKept)
        {
            horizon = removals.Dequeue().Sequence;
        }

        await commit.CommitAsync();
    }

    /// <inheritdoc />
    public Task<WaitingListPage> ReadAsync(long afterSequence)
    {
        var current = Current;
        if (afterSequence < horizon || afterSequence > current.Sequence)
        {
            return Task.FromResult(new WaitingListPage([.. current.Entries.Values], [], true, current.Sequence));
        }

        var added = current.Entries.Values.Where(e => e.Sequence > afterSequence).ToImmutableArray();
        var removed = removals.Where(r => r.Sequence > afterSequence).Select(r => r.CallId).ToImmutableArray();
        return Task.FromResult(new WaitingListPage(added, removed, false, current.Sequence));
    }
}
