using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Configuration;
using Sos.Silo;
using Sos.Simulator.Chaos;

namespace Sos.Tests.Infrastructure;

/// <summary>An Orleans client of a PostgreSQL cluster, as a console or gateway in Cluster mode connects.</summary>
public sealed class ClusterClientHost : IAsyncDisposable
{
    private readonly IHost host;

    private ClusterClientHost(IHost host) => this.host = host;

    /// <summary>The client.</summary>
    public IClusterClient Client => host.Services.GetRequiredService<IClusterClient>();

    /// <summary>
    /// Connects to the cluster <paramref name="clusterId"/> whose membership is in <paramref name="connectionString"/>,
    /// with the process's client certificate unless <paramref name="settings"/> say otherwise.
    /// </summary>
    public static async Task<ClusterClientHost> ConnectAsync(string connectionString, string clusterId, IReadOnlyDictionary<string, string?>? settings = null, CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sos:Mode"] = "Cluster",
            ["ConnectionStrings:Sos"] = connectionString,
            ["Sos:Silo:ClusterId"] = clusterId,
            ["Sos:Silo:ServiceId"] = clusterId,
        });
        builder.Configuration.AddInMemoryCollection(ClusterCertificates.Shared.Settings(ClusterCertificates.Client)!);
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.UseOrleansClient(client => client.UseSosClient());
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new ClusterClientHost(host);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
