using System.Collections.Immutable;
using Orleans.Concurrency;
using Sos.Grains.Abstractions;
using Sos.Grains.Storage;

namespace Sos.Grains.CallLog;

/// <summary>
/// One centre's calls of one UTC day. Calls write their entries here; this grain awaits nobody, so a call may await
/// it without any risk of a call cycle. Writes are grouped (<see cref="GroupCommit"/>): entries that arrive while a
/// write is under way go out together in the next one.
/// </summary>
[Reentrant] // Safe: the only change of state is a synchronous in-memory update; writes are serialised by GroupCommit.
public sealed class CallLogGrain : Grain, ICallLogGrain
{
    private readonly IPersistentState<CallLogState> state;
    private readonly GroupCommit commit;

    /// <summary>Creates the grain over its persisted state.</summary>
    public CallLogGrain([PersistentState("call-log", SosConstants.StateStore)] IPersistentState<CallLogState> state)
    {
        this.state = state;
        commit = new GroupCommit(state.WriteStateAsync);
    }

    private CallLogState Current => state.RecordExists || commit.HasChanges ? state.State : CallLogState.Empty;

    /// <inheritdoc />
    public async Task RecordAsync(CallLogEntry entry)
    {
        if (Current.Entries.TryGetValue(entry.CallId, out var known) && known == entry)
        {
            return;
        }

        state.State = new CallLogState(Current.Entries.SetItem(entry.CallId, entry));
        await commit.CommitAsync();
    }

    /// <inheritdoc />
    public Task<ImmutableArray<CallLogEntry>> GetAsync() =>
        Task.FromResult(Current.Entries.Values.OrderBy(e => e.OpenedAt).ThenBy(e => e.CallId).ToImmutableArray());
}
