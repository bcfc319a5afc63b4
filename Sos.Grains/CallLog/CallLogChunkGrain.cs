using System.Collections.Immutable;
using Orleans.Concurrency;
using Sos.Grains.Abstractions;
using Sos.Grains.Storage;

namespace Sos.Grains.CallLog;

/// <summary>One chunk of a centre-day's call log: bounded, appended to, written together (<see cref="GroupCommit"/>).</summary>
[Reentrant] // Safe: every change of state is a synchronous in-memory update; writes are serialised by GroupCommit.
public sealed class CallLogChunkGrain : Grain, ICallLogChunkGrain
{
    /// <summary>Entries a chunk holds: each write of it stays this small whatever the day's volume.</summary>
    public const int Capacity = 256;

    private readonly IPersistentState<CallLogChunkState> state;
    private readonly GroupCommit commit;

    /// <summary>Creates the grain over its persisted state.</summary>
    public CallLogChunkGrain([PersistentState("call-log-chunk", SosConstants.StateStore)] IPersistentState<CallLogChunkState> state)
    {
        this.state = state;
        commit = new GroupCommit(state.WriteStateAsync);
    }

    private CallLogChunkState Current => state.RecordExists || commit.HasChanges ? state.State : CallLogChunkState.Empty;

    /// <inheritdoc />
    public async Task<bool> AppendAsync(CallLogEntry entry)
    {
        if (Current.Entries.Count >= Capacity)
        {
            return false;
        }

        state.State = new CallLogChunkState(Current.Entries.Add(entry));
        await commit.CommitAsync();
        return true;
    }

    /// <inheritdoc />
    public Task<ImmutableArray<CallLogEntry>> GetAsync() => Task.FromResult(Current.Entries.ToImmutableArray());
}
