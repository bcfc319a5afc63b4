using System.Collections.Immutable;
using Sos.Grains.Abstractions;
using Sos.Grains.Storage;

namespace Sos.Grains.CallLog;

/// <summary>
/// One centre's calls of one UTC day. Calls write their entries here; this grain awaits nobody, so a call may await
/// it without any risk of a call cycle.
/// </summary>
public sealed class CallLogGrain(
    [PersistentState("call-log", SosConstants.StateStore)] IPersistentState<CallLogState> state) : Grain, ICallLogGrain
{
    private CallLogState Current => state.RecordExists ? state.State : CallLogState.Empty;

    /// <inheritdoc />
    public async Task RecordAsync(CallLogEntry entry)
    {
        if (Current.Entries.TryGetValue(entry.CallId, out var known) && known == entry)
        {
            return;
        }

        await state.CommitAsync(new CallLogState(Current.Entries.SetItem(entry.CallId, entry)));
    }

    /// <inheritdoc />
    public Task<ImmutableArray<CallLogEntry>> GetAsync() =>
        Task.FromResult(Current.Entries.Values.OrderBy(e => e.OpenedAt).ThenBy(e => e.CallId).ToImmutableArray());
}
