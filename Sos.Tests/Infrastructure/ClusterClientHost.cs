using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Configuration;
using Sos.Silo;

namespace Sos.Tests.Infrastructure;

/// <summary>An Orleans client of a PostgreSQL cluster, as a console or gateway in Cluster mode connects.</summary>
public sealed class ClusterClientHost : IAsyncDisposable
{
    private readonly IHost host;

    private ClusterClientHost(IHost host) => this.host = host;

    /// <summary>The client.</summary>
    public IClusterClient Client => host.Services.GetRequiredService<IClusterClient>();

    /// <summary>Connects to the cluster <paramref name="clusterId"/> whose membership is in <paramref name="connectionString"/>.</summary>
    public static async Task<ClusterClientHost> ConnectAsync(string connectionString, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sos:Mode"] = "Cluster",
            ["ConnectionStrings:Sos"] = connectionString,
            ["Sos:Silo:ClusterId"] = clusterId,
            ["Sos:Silo:ServiceId"] = clusterId,
        });
        builder.UseOrleansClient(client => client.UseSosClient());
        var host = builder.Build();
        await host.StartAsync();
        return new ClusterClientHost(host);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
