using System.Collections.Immutable;
using Orleans.Concurrency;
using Sos.Grains.Abstractions;

namespace Sos.Grains.CallLog;

/// <summary>
/// One centre's calls of one UTC day. Calls write their entries here; this grain awaits nobody, so a call may await
/// it without any risk of a call cycle. Writes are grouped: entries that arrive while a write is under way go out
/// together in the next one, and every caller returns only once a write that holds its entry has completed.
/// </summary>
[Reentrant] // Safe: the only change of state is a synchronous in-memory update; writes are serialised by WriteAsync.
public sealed class CallLogGrain(
    [PersistentState("call-log", SosConstants.StateStore)] IPersistentState<CallLogState> state) : Grain, ICallLogGrain
{
    private long changes;
    private long written;
    private Task? writing;

    private CallLogState Current => state.RecordExists || changes > 0 ? state.State : CallLogState.Empty;

    /// <inheritdoc />
    public async Task RecordAsync(CallLogEntry entry)
    {
        if (Current.Entries.TryGetValue(entry.CallId, out var known) && known == entry)
        {
            return;
        }

        state.State = new CallLogState(Current.Entries.SetItem(entry.CallId, entry));
        var mine = ++changes;
        while (written < mine)
        {
            if (writing is null || writing.IsCompleted)
            {
                writing = WriteAsync();
            }

            await writing;
        }
    }

    /// <inheritdoc />
    public Task<ImmutableArray<CallLogEntry>> GetAsync() =>
        Task.FromResult(Current.Entries.Values.OrderBy(e => e.OpenedAt).ThenBy(e => e.CallId).ToImmutableArray());

    private async Task WriteAsync()
    {
        var upTo = changes;
        await state.WriteStateAsync();
        written = upTo;
    }
}
