using Orleans.Storage;
using Sos.Grains.Abstractions;
using Sos.Silo;
using Sos.Silo.DeviceApi;

using Sos.Simulator.Chaos;

namespace Sos.Bench;

/// <summary>
/// A real Sos silo in this process, configured by the same extensions as production and serving the device API
/// on a loopback port, with its co-hosted client.
/// </summary>
public sealed class BenchSilo : IAsyncDisposable
{
    private readonly WebApplication app;

    private BenchSilo(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The co-hosted client.</summary>
    public IClusterClient Client => app.Services.GetRequiredService<IClusterClient>();

    /// <summary>Where the device API listens.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Starts a silo with these settings on free ports (routing with no wrap-up, so bots free up at once).</summary>
    public static async Task<BenchSilo> StartAsync(IDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        var http = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sos:Silo:SiloPort"] = FreePorts.Next().ToString(),
            ["Sos:Silo:GatewayPort"] = FreePorts.Next().ToString(),
            ["Sos:Silo:ClusterId"] = $"bench-{Guid.NewGuid():N}",
            ["Sos:Routing:WrapUpDuration"] = "00:00:00",
            ["Sos:Routing:RingTimeout"] = "00:01:00",
            ["Sos:Media:Enabled"] = "false", // press-path figures; the media benchmark measures media on its own
        });
        // In Cluster mode with TLS, as an installation runs (scripts/certificates.sh).
        builder.Configuration.AddInMemoryCollection(ClusterCertificates.Shared.Settings(ClusterCertificates.Silo)!);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning).AddSimpleConsole();
        builder.WebHost.UseUrls(http.ToString());
        builder.UseOrleans(silo =>
        {
            silo.UseSosClustering().AddSos();
            var store = silo.Services.Last(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, SosConstants.StateStore));
            silo.Services.AddKeyedSingleton<IGrainStorage>(SosConstants.StateStore, (provider, key) => StorageWriteCounter.Wrap((IGrainStorage)store.KeyedImplementationFactory!(provider, key)));
        });
        builder.Services.AddSosDeviceApi();
        var app = builder.Build();
        app.MapSosDeviceApi();
        await app.StartAsync();
        return new BenchSilo(app, http);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

}
