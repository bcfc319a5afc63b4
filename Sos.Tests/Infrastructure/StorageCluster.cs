using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using Sos.Grains.Abstractions;
using Sos.Silo;

namespace Sos.Tests.Infrastructure;

/// <summary>
/// An in-process cluster whose grains store their state for real: in a SQLite file (Embedded mode) or in
/// PostgreSQL (Cluster mode), configured by the same <c>AddSos</c> as production. Stopping it and starting another
/// on the same settings is a full cluster restart.
/// </summary>
public sealed class StorageCluster : IAsyncDisposable
{
    private readonly InProcessTestCluster cluster;

    private StorageCluster(InProcessTestCluster cluster) => this.cluster = cluster;

    /// <summary>A client of the cluster.</summary>
    public IClusterClient Client => cluster.Client;

    /// <summary>The running cluster.</summary>
    public InProcessTestCluster Cluster => cluster;

    /// <summary>Settings for an Embedded-mode cluster whose database lives in <paramref name="dataDirectory"/>.</summary>
    public static Dictionary<string, string?> Embedded(string dataDirectory) => new()
    {
        ["Sos:Mode"] = "Embedded",
        ["Sos:DataDirectory"] = dataDirectory,
        ["Sos:Media:Enabled"] = "false",
    };

    /// <summary>Settings for a Cluster-mode cluster on the PostgreSQL database <paramref name="connectionString"/>.</summary>
    public static Dictionary<string, string?> Postgres(string connectionString) => new()
    {
        ["Sos:Mode"] = "Cluster",
        ["ConnectionStrings:Sos"] = connectionString,
    };

    /// <summary>Starts a cluster of <paramref name="silos"/> silos with these settings (service id fixed, so restarts find their state).</summary>
    public static async Task<StorageCluster> StartAsync(IReadOnlyDictionary<string, string?> settings, short silos = 1)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ServiceId = "sos-storage-tests";
        builder.ConfigureSiloHost((_, host) => host.Configuration.AddInMemoryCollection(settings));
        builder.ConfigureSilo((_, silo) => silo.AddSos());
        builder.ConfigureClient(client => client.AddMemoryStreams(SosConstants.StreamProvider));
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return new StorageCluster(cluster);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await cluster.DisposeAsync();
}
