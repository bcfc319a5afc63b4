using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans.Storage;
using Sos.Grains.Abstractions;

using Sos.Simulator.Chaos;

namespace Sos.Tests.Infrastructure;

/// <summary>
/// The real Sos silo host (its own Program: Orleans silo plus device API) in Memory mode on ports of its own, either
/// in memory (TestServer) or on a real loopback socket (Kestrel). Optionally with a fake clock, and always with fault
/// injection into its grain storage.
/// </summary>
public sealed class SosAppFactory(FakeTimeProvider? clock, bool kestrel, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Sos.Silo.SosHostOptions>
{
    /// <summary>The gateway port of the host's silo, for Orleans clients.</summary>
    public int GatewayPort { get; } = FreePorts.Next();

    /// <summary>The port Kestrel listens on when <c>kestrel</c> is true.</summary>
    public int HttpPort { get; } = FreePorts.Next();

    /// <summary>The storage faults tests can inject.</summary>
    public StorageFaults Faults { get; } = new();

    /// <summary>Sos's log entries (Information and up), with their scopes.</summary>
    public LogRecorder Logs { get; } = new();

    /// <summary>The host's fake clock, if it has one.</summary>
    public FakeTimeProvider? Clock => clock;

    /// <summary>The host silo's grain factory.</summary>
    public IClusterClient Cluster => Services.GetRequiredService<IClusterClient>();

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Sos:Mode", "Memory");
        builder.UseSetting("Sos:Silo:SiloPort", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Sos:Silo:GatewayPort", GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Sos:Routing:TickInterval", "00:00:00.100");
        builder.UseSetting("Sos:Kiosks:SupervisionTick", "00:00:00.100");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            if (clock is not null)
            {
                services.AddKeyedSingleton<TimeProvider>(SosConstants.ClockKey, clock);
            }

            services.AddSingleton<ILoggerProvider>(Logs);
            services.Configure<LoggerFilterOptions>(o => o.Rules.Add(new LoggerFilterRule(typeof(LogRecorder).FullName, "Sos", LogLevel.Information, null)));
            var store = services.Last(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, SosConstants.StateStore));
            services.AddKeyedSingleton<IGrainStorage>(SosConstants.StateStore, (provider, key) => Faults.Wrap((IGrainStorage)store.KeyedImplementationFactory!(provider, key)));
        });

        if (kestrel)
        {
            UseKestrel(HttpPort);
        }
    }
}
