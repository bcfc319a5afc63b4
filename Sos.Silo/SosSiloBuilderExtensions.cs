using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Storage;
using Sos.Grains.Abstractions;
using Sos.Grains.Routing;

namespace Sos.Silo;

/// <summary>The Orleans configuration of Sos: every host (the silo, the console, the tests) calls these.</summary>
public static class SosSiloBuilderExtensions
{
    /// <summary>
    /// Everything the grains need: their storage, the streams that route presses and carry notifications,
    /// reminders, routing timings from <c>Sos:Routing</c>, and the clock.
    /// </summary>
    public static ISiloBuilder AddSos(this ISiloBuilder silo)
    {
        var configuration = silo.Configuration;
        silo.Services.AddOptions<RoutingOptions>().Bind(configuration.GetSection(SosConstants.RoutingSection));
        silo.Services.TryAddKeyedSingleton(SosConstants.ClockKey, TimeProvider.System);

        // Persisted state is written with Orleans' own serializer: it follows the [Id]s of our records, so a field
        // added at the end reads back from state written before it existed, and immutable collections round-trip.
        silo.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();

        var streams = configuration.GetSection(SosConstants.StreamsSection).Get<SosStreamOptions>() ?? new SosStreamOptions();
        silo.AddMemoryGrainStorage(SosConstants.StateStore);
        silo.AddMemoryGrainStorage(SosConstants.PubSubStore);
        silo.UseInMemoryReminderService();
        var watchdog = configuration.GetSection(SosConstants.RoutingSection).Get<RoutingOptions>()?.WatchdogPeriod ?? new RoutingOptions().WatchdogPeriod;
        silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = watchdog < o.MinimumReminderPeriod ? watchdog : o.MinimumReminderPeriod);
        silo.AddMemoryStreams(SosConstants.StreamProvider, stream =>
        {
            stream.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = streams.PollInterval));
        });
        return silo;
    }

    /// <summary>How the silo finds the others: for now one silo on localhost (the storage issue adds PostgreSQL).</summary>
    public static ISiloBuilder UseSosClustering(this ISiloBuilder silo)
    {
        var configuration = silo.Configuration;
        var endpoints = configuration.GetSection(SosConstants.SiloSection).Get<SosSiloEndpointOptions>() ?? new SosSiloEndpointOptions();
        silo.UseLocalhostClustering(endpoints.SiloPort, endpoints.GatewayPort);
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = endpoints.ClusterId;
            o.ServiceId = endpoints.ServiceId;
        });
        return silo;
    }
}
