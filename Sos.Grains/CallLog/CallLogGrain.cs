using System.Collections.Immutable;
using Orleans.Concurrency;
using Sos.Grains.Abstractions;
using Sos.Grains.Storage;

namespace Sos.Grains.CallLog;

/// <summary>
/// One centre's calls of one UTC day. Calls write their entries here; each new version of an entry is appended to the
/// day's current chunk (<see cref="CallLogChunkGrain"/>), so a write never grows with the day, and a reader takes the
/// latest version of each call. Only the number of chunks is written here, once per chunk. A day written by an older
/// Sos (one whole record) is still read. Awaits only its chunks, which await nobody.
/// </summary>
[Reentrant] // Safe: state changes are synchronous; a chunk that is full is replaced once, whoever finds it full first.
public sealed class CallLogGrain(
    [PersistentState("call-log-index", SosConstants.StateStore)] IPersistentState<CallLogIndex> index,
    [PersistentState("call-log", SosConstants.StateStore)] IPersistentState<CallLogState> earlier) : Grain, ICallLogGrain
{
    /// <summary>Entries recorded by this activation, to skip a version that changes nothing.</summary>
    private readonly Dictionary<Guid, CallLogEntry> recorded = [];

    private int Chunks => index.RecordExists ? index.State.Chunks : 1;

    /// <inheritdoc />
    public async Task RecordAsync(CallLogEntry entry)
    {
        if (recorded.TryGetValue(entry.CallId, out var known) && known == entry)
        {
            return;
        }

        recorded[entry.CallId] = entry;
        while (true)
        {
            var current = Chunks - 1;
            if (await Chunk(current).AppendAsync(entry))
            {
                return;
            }

            if (current == Chunks - 1)
            {
                await index.CommitAsync(new CallLogIndex(current + 2));
            }
        }
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<CallLogEntry>> GetAsync()
    {
        var chunks = (await Task.WhenAll(Enumerable.Range(0, Chunks).Select(n => Chunk(n).GetAsync()))).ToList();

        // A chunk beyond the recorded count holds entries when the write of the count failed after appends began there.
        for (var n = Chunks; chunks[^1].Length >= CallLogChunkGrain.Capacity; n++)
        {
            chunks.Add(await Chunk(n).GetAsync());
        }

        var latest = new Dictionary<Guid, CallLogEntry>();
        if (earlier.RecordExists)
        {
            foreach (var entry in earlier.State.Entries.Values)
            {
                latest[entry.CallId] = entry;
            }
        }

        foreach (var entry in chunks.SelectMany(c => c))
        {
            latest[entry.CallId] = entry;
        }

        return [.. latest.Values.OrderBy(e => e.OpenedAt).ThenBy(e => e.CallId)];
    }

    private ICallLogChunkGrain Chunk(int n) => GrainFactory.GetGrain<ICallLogChunkGrain>($"{this.GetPrimaryKeyString()}/{n}");
}
