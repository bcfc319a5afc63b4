using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Sos.Grains.Abstractions;
using Sos.Silo;

namespace Sos.Tests.Infrastructure;

/// <summary>
/// Two in-process silos configured by the same <c>AddSos</c> as production, sharing one fake clock. Routing's
/// timer ticks in real time but reads the fake clock, so deadlines pass only when a test advances it.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>The short reminder period the tests use, so a kiosk whose activation was lost supervises itself again within seconds.</summary>
    public static readonly TimeSpan ReminderPeriod = TimeSpan.FromSeconds(1);

    private InProcessTestCluster? cluster;

    /// <summary>The clock every grain of both silos reads.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));

    /// <summary>A client connected to the cluster, with the Sos stream provider.</summary>
    public IClusterClient Client => cluster?.Client ?? throw new InvalidOperationException("The cluster is not started.");

    /// <summary>The running cluster.</summary>
    public InProcessTestCluster Cluster => cluster ?? throw new InvalidOperationException("The cluster is not started.");

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Sos:Mode"] = "Memory",
                ["Sos:Routing:TickInterval"] = "00:00:00.100",
                ["Sos:Kiosks:SupervisionTick"] = "00:00:00.100",
                ["Sos:Kiosks:SupervisionReminderPeriod"] = ReminderPeriod.ToString(),
            });
            host.Services.AddKeyedSingleton<TimeProvider>(SosConstants.ClockKey, Clock);
        });
        builder.ConfigureSilo((_, silo) => silo.AddSos());
        builder.ConfigureClient(client => client.AddMemoryStreams(SosConstants.StreamProvider));
        cluster = builder.Build();
        await cluster.DeployAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }
}
