using System.Collections.Concurrent;
using Orleans.Storage;

namespace Sos.Bench;

/// <summary>
/// Counts the grain state writes of the benchmark's silos by state name (call, kiosk, operator, waiting, …), so a run
/// can say how many durable writes one call costs. Wraps the real storage; reads and writes go through unchanged.
/// </summary>
public static class StorageWriteCounter
{
    private static readonly ConcurrentDictionary<string, long> Writes = new(StringComparer.Ordinal);

    /// <summary>Writes so far, by state name.</summary>
    public static IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(Writes);

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    public static IGrainStorage Wrap(IGrainStorage inner) => new Counting(inner);

    private sealed class Counting(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            Writes.AddOrUpdate(stateName, 1, (_, n) => n + 1);
            return inner.WriteStateAsync(stateName, grainId, grainState);
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);

        public void Participate(ISiloLifecycle observer) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(observer);
    }
}
