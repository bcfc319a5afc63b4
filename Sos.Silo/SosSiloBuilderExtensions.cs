using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
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
