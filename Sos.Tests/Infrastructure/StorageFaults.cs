using Orleans.Storage;

namespace Sos.Tests.Infrastructure;

/// <summary>
/// Fault injection into the real grain storage: writes of a chosen grain fail, as when the database is down, until
/// the test heals it. Reads and every other grain's writes go to the real storage underneath.
/// </summary>
public sealed class StorageFaults
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> writes = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, object?> written = new(StringComparer.Ordinal);
    private volatile string? failingGrainKey;

    /// <summary>Writes of the grain whose key is <paramref name="grainKey"/> fail from now on.</summary>
    public void FailWritesOf(string grainKey) => failingGrainKey = grainKey;

    /// <summary>Writes succeed again.</summary>
    public void Heal() => failingGrainKey = null;

    /// <summary>Wraps the real storage.</summary>
    public IGrainStorage Wrap(IGrainStorage inner) => new FaultingStorage(inner, this);

    /// <summary>How many writes of the grain with key <paramref name="grainKey"/> succeeded (a Guid key as 32 hex digits).</summary>
    public int WritesOf(string grainKey) => writes.GetValueOrDefault(grainKey);

    /// <summary>The state last written for the grain with key <paramref name="grainKey"/>, as the storage got it.</summary>
    public object? LastWrittenOf(string grainKey) => written.GetValueOrDefault(grainKey);

    private void Wrote(GrainId grainId, object? state)
    {
        written[grainId.Key.ToString()!] = state;
        writes.AddOrUpdate(grainId.Key.ToString()!, 1, (_, n) => n + 1);
    }

    private bool Fails(GrainId grainId) => failingGrainKey is { } key && grainId.Key.ToString() == key;

    private sealed class FaultingStorage(IGrainStorage inner, StorageFaults faults) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

        public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            if (faults.Fails(grainId))
            {
                throw new OrleansException($"Injected storage failure writing {grainId}");
            }

            await inner.WriteStateAsync(stateName, grainId, grainState);
            faults.Wrote(grainId, grainState.State);
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            faults.Fails(grainId) ? throw new OrleansException($"Injected storage failure clearing {grainId}") : inner.ClearStateAsync(stateName, grainId, grainState);

        public void Participate(ISiloLifecycle observer) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(observer);
    }
}
