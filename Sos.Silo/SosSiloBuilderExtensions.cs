using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Storage;
using Sos.Grains.Abstractions;
using Sos.Grains.Audit;
using Sos.Grains.Kiosks;
using Sos.Grains.Media;
using Sos.Grains.Media.Janus;
using Sos.Grains.Routing;
using Sos.Grains.Telemetry;
using Sos.Silo.Media;
using Sos.Silo.Security;
using Sos.Silo.Storage;

namespace Sos.Silo;

/// <summary>The Orleans configuration of Sos: every host (the silo, the console, the tests) calls these.</summary>
public static class SosSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant of PostgreSQL (Npgsql).</summary>
    public const string PostgresInvariant = "Npgsql";

    /// <summary>The ADO.NET invariant Orleans maps to Microsoft.Data.Sqlite.</summary>
    public const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>
    /// Everything the grains need, by <c>Sos:Mode</c>: their storage (SQLite file, PostgreSQL, or memory),
    /// reminders, the streams that route presses and carry notifications, routing timings from <c>Sos:Routing</c>,
    /// kiosk supervision from <c>Sos:Kiosks</c>,
    /// the clock, and the schema migrations that run before any of it starts.
    /// </summary>
    public static ISiloBuilder AddSos(this ISiloBuilder silo)
    {
        var configuration = silo.Configuration;
        var host = SosHostOptions.From(configuration);
        silo.Services.TryAddSingleton(host);
        silo.Services.AddOptions<RoutingOptions>().Bind(configuration.GetSection(SosConstants.RoutingSection));
        silo.Services.AddOptions<KioskSupervisionOptions>().Bind(configuration.GetSection(SosConstants.KiosksSection));
        silo.Services.AddOptions<Grains.Citizens.CitizenOptions>().Bind(configuration.GetSection(Grains.Citizens.CitizenOptions.Section));
        silo.Services.TryAddKeyedSingleton(SosConstants.ClockKey, TimeProvider.System);
        AddMedia(silo.Services, configuration, host);
        AddStations(silo.Services, configuration, host);

        // Persisted state is written with Orleans' own serializer: it follows the [Id]s of our records, so a field
        // added at the end reads back from state written before it existed, and immutable collections round-trip.
        silo.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();

        switch (host.Mode)
        {
            case SosMode.Embedded:
                var sqlite = host.Database()!.Value.ConnectionString;
                Directory.CreateDirectory(Path.GetFullPath(host.DataDirectory));
                silo.AddAdoNetGrainStorage(SosConstants.StateStore, o =>
                {
                    o.Invariant = SqliteInvariant;
                    o.ConnectionString = sqlite;
                });
                silo.AddMemoryGrainStorage(SosConstants.PubSubStore);
                silo.UseAdoNetReminderService(o =>
                {
                    o.Invariant = SqliteInvariant;
                    o.ConnectionString = sqlite;
                });
                if (host.SqliteWriterGate)
                {
                    SqliteGate.Install(silo.Services, SosConstants.StateStore);
                }
                break;
            case SosMode.Cluster:
                var postgres = host.Database()!.Value.ConnectionString;
                foreach (var store in new[] { SosConstants.StateStore, SosConstants.PubSubStore })
                {
                    silo.AddAdoNetGrainStorage(store, o =>
                    {
                        o.Invariant = PostgresInvariant;
                        o.ConnectionString = postgres;
                    });
                }

                silo.UseAdoNetReminderService(o =>
                {
                    o.Invariant = PostgresInvariant;
                    o.ConnectionString = postgres;
                });
                break;
            default:
                silo.AddMemoryGrainStorage(SosConstants.StateStore);
                silo.AddMemoryGrainStorage(SosConstants.PubSubStore);
                silo.UseInMemoryReminderService();
                break;
        }

        // The audit trail in the same database as the state (a table of Sos's schema), in memory in Memory mode.
        silo.Services.TryAddSingleton<IAuditStore>(provider => host.Database() is { } database
            ? new SqlAuditStore(database.Dialect, database.ConnectionString, database.Dialect == SchemaDialect.Sqlite ? provider.GetService<SqliteGate>() : null)
            : new MemoryAuditStore());

        // A call's id on every log line written while one of its grains works (Sos.Grains/Telemetry/GrainLogScope), and
        // the trace of a request carried through every grain call (spans exported when Sos:Telemetry:OtlpEndpoint is set).
        silo.AddIncomingGrainCallFilter<GrainLogScope>();
        silo.AddActivityPropagation();

        // The Orleans dashboard's data (grain statistics, silos, profiling while someone looks); its pages are the
        // console's, for administrators (Sos:Dashboard:Enabled, default true).
        if (DashboardEnabled(configuration))
        {
            silo.AddDashboard(o =>
            {
                o.HideTrace = true;
                o.CounterUpdateIntervalMs = 5_000; // an operations centre's two cores go to calls first
            });
        }

        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SchemaMigrationStartup>();
        var kiosks = configuration.GetSection(SosConstants.KiosksSection).Get<KioskSupervisionOptions>() ?? new KioskSupervisionOptions();
        silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = kiosks.SupervisionReminderPeriod < o.MinimumReminderPeriod ? kiosks.SupervisionReminderPeriod : o.MinimumReminderPeriod);

        var streams = configuration.GetSection(SosConstants.StreamsSection).Get<SosStreamOptions>() ?? new SosStreamOptions();
        silo.AddMemoryStreams(SosConstants.StreamProvider, stream =>
        {
            stream.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = streams.PollInterval));
        });
        silo.AddMemoryStreams(SosConstants.PressStreamProvider, stream =>
        {
            stream.ConfigurePartitioning(streams.PressQueues);
            stream.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = streams.PressPollInterval));
        });
        return silo;
    }

    /// <summary>
    /// Media: the Janus servers calls' media sessions use, from <c>Sos:Media</c>. In Embedded mode with media on and no
    /// Janus URL configured, the host starts and supervises a Janus of its own; recordings go under the data directory
    /// unless <c>Sos:Media:EvidenceDirectory</c> says otherwise.
    /// </summary>
    private static void AddMedia(IServiceCollection services, IConfiguration configuration, SosHostOptions host)
    {
        var embedded = host.Mode == SosMode.Embedded;
        services.AddOptions<MediaOptions>().Bind(configuration.GetSection(SosConstants.MediaSection)).PostConfigure(o =>
        {
            o.EmbeddedServerAllowed = embedded;
            o.EvidenceDirectory = Path.GetFullPath(o.EvidenceDirectory is { Length: > 0 } directory ? directory : Path.Combine(host.DataDirectory, "evidence"));
        });
        services.TryAddSingleton<JanusServers>();
        services.TryAddSingleton<MediaLoopback>();
        var media = configuration.GetSection(SosConstants.MediaSection).Get<MediaOptions>() ?? new MediaOptions();
        if (embedded && media.Enabled && media.Janus.Urls.Length == 0)
        {
            services.AddHostedService<JanusProcess>();
        }

        if (media.Enabled && (embedded || media.Janus.Urls.Length > 0))
        {
            services.AddHostedService<MediaReconciler>();
            services.AddHostedService<EvidenceRetention>();
        }
    }

    /// <summary>
    /// SIP intercoms' supervision by SIP OPTIONS, from <c>Sos:Stations</c>: the SIP server's JSON-RPC client, and in
    /// Embedded mode with media on and no <c>Sos:Stations:RpcUrl</c>, a kamailio of the host's own.
    /// </summary>
    private static void AddStations(IServiceCollection services, IConfiguration configuration, SosHostOptions host)
    {
        services.AddOptions<Grains.Stations.StationOptions>().Bind(configuration.GetSection(SosConstants.StationsSection));
        services.AddHttpClient<Grains.Stations.StationProbe>();
        var stations = configuration.GetSection(SosConstants.StationsSection).Get<Grains.Stations.StationOptions>() ?? new Grains.Stations.StationOptions();
        var media = configuration.GetSection(SosConstants.MediaSection).Get<MediaOptions>() ?? new MediaOptions();
        var ownServer = host.Mode == SosMode.Embedded && media.Enabled && stations.RpcUrl is not { Length: > 0 };
        services.AddSingleton(provider => new Stations.StationPressToken(provider.GetRequiredService<IOptions<Grains.Stations.StationOptions>>(), ownServer));
        if (ownServer)
        {
            services.AddHostedService<Stations.KamailioProcess>();
        }
    }

    /// <summary>Whether the Orleans dashboard runs (<c>Sos:Dashboard:Enabled</c>, default true): every silo and the consoles must agree.</summary>
    public static bool DashboardEnabled(IConfiguration configuration) => configuration.GetValue("Sos:Dashboard:Enabled", true);

    /// <summary>
    /// How the silo finds the others, by <c>Sos:Mode</c>: localhost clustering for one process, PostgreSQL
    /// membership for a cluster, with the endpoints of <c>Sos:Silo</c>.
    /// </summary>
    public static ISiloBuilder UseSosClustering(this ISiloBuilder silo)
    {
        var configuration = silo.Configuration;
        var host = SosHostOptions.From(configuration);
        var endpoints = configuration.GetSection(SosConstants.SiloSection).Get<SosSiloEndpointOptions>() ?? new SosSiloEndpointOptions();
        if (host.Mode == SosMode.Cluster)
        {
            var postgres = host.Database()!.Value.ConnectionString;
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = PostgresInvariant;
                o.ConnectionString = postgres;
            });
            silo.ConfigureEndpoints(System.Net.IPAddress.Parse(endpoints.AdvertisedAddress), endpoints.SiloPort, endpoints.GatewayPort, listenOnAnyHostAddress: endpoints.ListenOnAnyAddress);
            if (ClusterTls.From(configuration, ClusterRole.Silo) is { } tls)
            {
                silo.UseSosClusterTls(tls);
            }
        }
        else
        {
            silo.UseLocalhostClustering(endpoints.SiloPort, endpoints.GatewayPort);
        }

        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = endpoints.ClusterId;
            o.ServiceId = endpoints.ServiceId;
        });

        // Failure detection tuned for an emergency system: a silo that stops answering is declared dead in about
        // two seconds instead of Orleans' 10-20. Any ClusterMembershipOptions property can be set under Sos:Membership.
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 2;
            o.NumVotesForDeathDeclaration = 1;
            o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(10);
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
        });
        silo.Services.Configure<ClusterMembershipOptions>(configuration.GetSection(SosConstants.MembershipSection));
        return silo;
    }
}
