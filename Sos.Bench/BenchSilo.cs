using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sos.Silo;

namespace Sos.Bench;

/// <summary>A real Sos silo in this process, configured by the same extensions as production, with its client.</summary>
public sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost host;

    private BenchSilo(IHost host) => this.host = host;

    /// <summary>The co-hosted client.</summary>
    public IClusterClient Client => host.Services.GetRequiredService<IClusterClient>();

    /// <summary>Starts a silo with these settings on free ports (routing with no wrap-up, so bots free up at once).</summary>
    public static async Task<BenchSilo> StartAsync(IDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sos:Silo:SiloPort"] = FreePort().ToString(),
            ["Sos:Silo:GatewayPort"] = FreePort().ToString(),
            ["Sos:Silo:ClusterId"] = $"bench-{Guid.NewGuid():N}",
            ["Sos:Routing:WrapUpDuration"] = "00:00:00",
            ["Sos:Routing:RingTimeout"] = "00:01:00",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole();
        builder.UseOrleans(silo => silo.UseSosClustering().AddSos());
        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
