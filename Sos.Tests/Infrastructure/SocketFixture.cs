using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sos.Silo;

namespace Sos.Tests.Infrastructure;

/// <summary>
/// The real Sos silo host on a real loopback socket (Kestrel), with the system clock and short routing timings, plus
/// an external Orleans client connected to its gateway through <see cref="SosClientBuilderExtensions.UseSosClient"/>,
/// as the simulator and a Cluster-mode console connect.
/// </summary>
public sealed class SocketFixture : IAsyncLifetime
{
    private IHost? clientHost;

    /// <summary>The host.</summary>
    public SosAppFactory App { get; } = new(clock: null, kestrel: true, new Dictionary<string, string?>
    {
        ["Sos:Routing:RingTimeout"] = "00:00:02",
        ["Sos:Routing:WrapUpDuration"] = "00:00:01",
    });

    /// <summary>The device API's address on the loopback interface.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{App.HttpPort}/");

    /// <summary>An external client of the host's cluster.</summary>
    public IClusterClient Client => clientHost?.Services.GetRequiredService<IClusterClient>() ?? throw new InvalidOperationException("Not started.");

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        App.StartServer();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sos:Mode"] = "Memory",
            ["Sos:Silo:GatewayPort"] = App.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.UseOrleansClient(client => client.UseSosClient());
        clientHost = builder.Build();
        await clientHost.StartAsync(TestContext.Current.CancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (clientHost is not null)
        {
            await clientHost.StopAsync(CancellationToken.None);
            clientHost.Dispose();
        }

        await App.DisposeAsync();
    }
}
