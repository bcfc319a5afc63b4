using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Sos.Silo.Storage;

/// <summary>
/// The embedded database's writer gate. SQLite lets one connection write at a time (the file is in WAL mode, so reads
/// never wait for a writer); when grains write side by side, the others are told the file is locked and
/// Microsoft.Data.Sqlite retries after sleeping about 150 ms, so a burst of presses queued behind those sleeps. In
/// Embedded mode the whole cluster is this one process, so its writes (grain storage and reminder table) take turns
/// here instead: each waits only for the write before it, and none ever meets a locked file. Reads are not gated.
/// The benchmark measures Embedded with and without it (<c>Sos:Database:SqliteWriterGate</c>).
/// </summary>
public sealed class SqliteGate
{
    private readonly SemaphoreSlim turn = new(1, 1);

    /// <summary>Runs <paramref name="operation"/> when no other operation on the file is running.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> operation)
    {
        await turn.WaitAsync();
        try
        {
            return await operation();
        }
        finally
        {
            turn.Release();
        }
    }

    /// <summary>Runs <paramref name="operation"/> when no other operation on the file is running.</summary>
    public Task RunAsync(Func<Task> operation) => RunAsync(async () =>
    {
        await operation();
        return true;
    });

    /// <summary>Puts the grain storage named <paramref name="name"/> and the reminder table behind the gate.</summary>
    internal static void Install(IServiceCollection services, string name)
    {
        services.AddSingleton<SqliteGate>();
        var store = services.Last(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, name));
        services.AddKeyedSingleton<IGrainStorage>(name, (provider, key) =>
            new GatedGrainStorage((IGrainStorage)store.KeyedImplementationFactory!(provider, key), provider.GetRequiredService<SqliteGate>()));

        var reminders = services.Last(d => d.ServiceType == typeof(IReminderTable));
        services.Remove(reminders);
        services.AddSingleton<IReminderTable>(provider =>
            new GatedReminderTable((IReminderTable)ActivatorUtilities.CreateInstance(provider, reminders.ImplementationType!), provider.GetRequiredService<SqliteGate>()));
    }

    private sealed class GatedGrainStorage(IGrainStorage inner, SqliteGate gate) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ReadStateAsync(stateName, grainId, grainState);

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            gate.RunAsync(() => inner.WriteStateAsync(stateName, grainId, grainState));

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            gate.RunAsync(() => inner.ClearStateAsync(stateName, grainId, grainState));

        public void Participate(ISiloLifecycle observer) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(observer);
    }

    private sealed class GatedReminderTable(IReminderTable inner, SqliteGate gate) : IReminderTable
    {
        public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken = default) => inner.StopAsync(cancellationToken);

        public Task<ReminderTableData> ReadRows(GrainId grainId) => inner.ReadRows(grainId);

        public Task<ReminderTableData> ReadRows(uint begin, uint end) => inner.ReadRows(begin, end);

        public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => inner.ReadRow(grainId, reminderName);

        public Task<string?> UpsertRow(ReminderEntry entry) => gate.RunAsync(() => inner.UpsertRow(entry));

        public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => gate.RunAsync(() => inner.RemoveRow(grainId, reminderName, eTag));

        public Task TestOnlyClearTable() => gate.RunAsync(inner.TestOnlyClearTable);
    }
}
