using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sos.Silo;
using Sos.Simulator.Chaos;

namespace Sos.Simulator;

/// <summary>The simulator's command line.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var url = new Option<string>("--url") { Description = "The device API of a Sos silo or embedded console.", DefaultValueFactory = _ => SosHttp.DefaultSiloUrl };
        var duration = new Option<double>("--duration") { Description = "Seconds of presses.", DefaultValueFactory = _ => 30 };
        var rate = new Option<double>("--rate") { Description = "Presses per second over all kiosks.", DefaultValueFactory = _ => 1 };
        var kiosks = new Option<int>("--kiosks") { Description = "Simulated kiosks.", DefaultValueFactory = _ => 50 };
        var operators = new Option<int>("--operators") { Description = "Operator bots.", DefaultValueFactory = _ => 3 };
        var seed = new Option<int>("--seed") { Description = "Seed of every random choice, for a reproducible run.", DefaultValueFactory = _ => 1 };
        var prefix = new Option<string>("--prefix") { Description = "Prefix of the simulated kiosk ids and bot logins.", DefaultValueFactory = _ => "sim" };
        var centre = new Option<string>("--centre") { Description = "Operations centre of the kiosks and bots.", DefaultValueFactory = _ => "pavlodar" };
        var acceptDelay = new Option<double>("--accept-delay") { Description = "Seconds a bot lets a call ring before answering (mean, ±50 %).", DefaultValueFactory = _ => 1 };
        var talk = new Option<double>("--talk") { Description = "Seconds a bot talks (mean, ±50 %).", DefaultValueFactory = _ => 3 };
        var missRate = new Option<double>("--miss-rate") { Description = "Share of rings a bot lets time out.", DefaultValueFactory = _ => 0.05 };
        var cancelRate = new Option<double>("--cancel-rate") { Description = "Share of new calls hung up within a second.", DefaultValueFactory = _ => 0.05 };
        var retryRate = new Option<double>("--retry-rate") { Description = "Share of presses sent again with the same press id.", DefaultValueFactory = _ => 0.1 };
        var heartbeat = new Option<double>("--heartbeat") { Description = "Seconds between a kiosk's heartbeats.", DefaultValueFactory = _ => 5 };
        var drain = new Option<double>("--drain") { Description = "Seconds to wait after the last press for every call to be answered.", DefaultValueFactory = _ => 60 };
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object." };
        var mode = new Option<string>("--mode") { Description = "How to reach the cluster: Embedded or Memory (a local silo's gateway) or Cluster (PostgreSQL membership).", DefaultValueFactory = _ => "Embedded" };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "The local silo's gateway port (Embedded, Memory).", DefaultValueFactory = _ => 30000 };
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string (Cluster); default: ConnectionStrings__Sos." };
        var clusterId = new Option<string>("--cluster-id") { Description = "Orleans cluster id.", DefaultValueFactory = _ => "sos" };
        var serviceId = new Option<string>("--service-id") { Description = "Orleans service id.", DefaultValueFactory = _ => "sos" };

        var root = new RootCommand("Sos city simulator: kiosks over the device API and operator bots over the grain interfaces.")
        {
            url, duration, rate, kiosks, operators, seed, prefix, centre, acceptDelay, talk, missRate, cancelRate, retryRate, heartbeat, drain, json,
            mode, gatewayPort, postgres, clusterId, serviceId,
        };

        root.SetAction(async (parsed, cancellationToken) =>
        {
            var problems = new List<string>();
            if (!Uri.TryCreate(parsed.GetValue(url), UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
            {
                problems.Add("--url must be an http(s) address, such as http://127.0.0.1:5080");
            }

            if (parsed.GetValue(duration) <= 0 || parsed.GetValue(rate) < 0 || parsed.GetValue(heartbeat) <= 0 || parsed.GetValue(drain) < 0)
            {
                problems.Add("--duration and --heartbeat must be positive; --rate and --drain at least 0");
            }

            if (parsed.GetValue(kiosks) is < 1 or > 9999 || parsed.GetValue(operators) is < 0 or > 1000)
            {
                problems.Add("--kiosks must be 1–9999 and --operators 0–1000");
            }

            if (problems.Count > 0)
            {
                await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, problems));
                return 2;
            }

            var options = new SimulationOptions
            {
                Url = baseAddress!,
                Duration = TimeSpan.FromSeconds(parsed.GetValue(duration)),
                Rate = parsed.GetValue(rate),
                Kiosks = parsed.GetValue(kiosks),
                Operators = parsed.GetValue(operators),
                Seed = parsed.GetValue(seed),
                Prefix = parsed.GetValue(prefix)!,
                CentreId = parsed.GetValue(centre)!,
                AcceptDelay = TimeSpan.FromSeconds(parsed.GetValue(acceptDelay)),
                TalkTime = TimeSpan.FromSeconds(parsed.GetValue(talk)),
                MissRate = parsed.GetValue(missRate),
                CancelRate = parsed.GetValue(cancelRate),
                RetryRate = parsed.GetValue(retryRate),
                HeartbeatInterval = TimeSpan.FromSeconds(parsed.GetValue(heartbeat)),
                Drain = TimeSpan.FromSeconds(parsed.GetValue(drain)),
            };

            var builder = Host.CreateApplicationBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddFilter("Orleans", LogLevel.Error);
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Sos:Mode"] = parsed.GetValue(mode),
                ["Sos:Silo:GatewayPort"] = parsed.GetValue(gatewayPort).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Sos:Silo:ClusterId"] = parsed.GetValue(clusterId),
                ["Sos:Silo:ServiceId"] = parsed.GetValue(serviceId),
            });
            if (parsed.GetValue(postgres) is { Length: > 0 } connection)
            {
                builder.Configuration["ConnectionStrings:Sos"] = connection;
            }

            builder.UseOrleansClient(client => client.UseSosClient());
            using var host = builder.Build();
            using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connecting.CancelAfter(TimeSpan.FromSeconds(20));
                try
                {
                    await host.StartAsync(connecting.Token);
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    var reason = exception is OperationCanceledException ? "no gateway answered within 20 s" : exception.Message;
                    await Console.Error.WriteLineAsync($"Cannot reach the Sos cluster ({parsed.GetValue(mode)} mode, gateway port {parsed.GetValue(gatewayPort)}): {reason}");
                    return 2;
                }
            }

            using var http = new HttpClient { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(15) };
            var simulation = new Simulation(options, host.Services.GetRequiredService<IClusterClient>(), http, Console.Error, !Console.IsErrorRedirected);
            var summary = await simulation.RunAsync(cancellationToken);
            Console.Out.Write(parsed.GetValue(json)
                ? JsonSerializer.Serialize(summary, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }) + Environment.NewLine
                : summary.ToTable());
            await host.StopAsync(CancellationToken.None);
            return summary.Passed ? 0 : 1;
        });

        root.Subcommands.Add(ChaosCommand());
        return await root.Parse(args).InvokeAsync();
    }

    /// <summary>
    /// <c>chaos</c>: starts PostgreSQL (or uses <c>--postgres</c>), a throw-away database and three silo processes, runs the
    /// simulator's load against every silo, kills silos with SIGKILL, and checks that no acknowledged press was lost or
    /// duplicated; reports the failover time of each kill.
    /// </summary>
    private static Command ChaosCommand()
    {
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL server connection string (a database is created and dropped on it); default: the local server of scripts/postgres.sh." };
        var duration = new Option<double>("--duration") { Description = "Seconds of presses.", DefaultValueFactory = _ => 120 };
        var rate = new Option<double>("--rate") { Description = "Presses per second over all kiosks.", DefaultValueFactory = _ => 20 };
        var kiosks = new Option<int>("--kiosks") { Description = "Simulated kiosks, spread over every silo's device API.", DefaultValueFactory = _ => 100 };
        var operators = new Option<int>("--operators") { Description = "Operator bots.", DefaultValueFactory = _ => 40 };
        var kills = new Option<int>("--kills") { Description = "Silos killed with SIGKILL during the presses (and started again); odd ones a silo without routing, even ones the silo holding routing.", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Seed of every random choice.", DefaultValueFactory = _ => 1 };
        var restartDelay = new Option<double>("--restart-delay") { Description = "Seconds after a kill before its replacement starts (after the silo was declared dead).", DefaultValueFactory = _ => 8 };
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object." };
        var logs = new Option<string?>("--logs") { Description = "A directory to write each silo process's output to (silo-<n>-slot-<m>.log)." };
        var verbose = new Option<bool>("--verbose") { Description = "Silos log Sos's own steps at Information level (every call step), for an investigation with --logs." };
        var chaos = new Command("chaos", "Chaos run: PostgreSQL, 3 real silo processes, the simulator's load, silos killed with SIGKILL; checks that no acknowledged press is lost or duplicated and reports failover times.")
        {
            postgres, duration, rate, kiosks, operators, kills, seed, restartDelay, json, logs, verbose,
        };
        chaos.SetAction(async (parsed, cancellationToken) =>
        {
            if (parsed.GetValue(duration) <= 0 || parsed.GetValue(rate) <= 0 || parsed.GetValue(kiosks) is < 1 or > 9999 || parsed.GetValue(operators) is < 1 or > 1000 || parsed.GetValue(kills) < 0)
            {
                await Console.Error.WriteLineAsync("--duration and --rate must be positive, --kiosks 1–9999, --operators 1–1000, --kills at least 0");
                return 2;
            }

            var server = parsed.GetValue(postgres) is { Length: > 0 } given ? given : await ChaosPostgres.StartLocalServerAsync(cancellationToken);
            var options = new ChaosOptions
            {
                PostgresServer = server,
                Duration = TimeSpan.FromSeconds(parsed.GetValue(duration)),
                Rate = parsed.GetValue(rate),
                Kiosks = parsed.GetValue(kiosks),
                Operators = parsed.GetValue(operators),
                Kills = parsed.GetValue(kills),
                Seed = parsed.GetValue(seed),
                RestartDelay = TimeSpan.FromSeconds(Math.Max(0, parsed.GetValue(restartDelay))),
                LogDirectory = parsed.GetValue(logs) is { Length: > 0 } directory ? Directory.CreateDirectory(directory).FullName : null,
                SiloSettings = parsed.GetValue(verbose) ? new Dictionary<string, string> { ["Logging__LogLevel__Sos"] = "Information" } : new Dictionary<string, string>(),
            };
            var summary = await new ChaosRun(options, Console.Error).RunAsync(cancellationToken);
            Console.Out.Write(parsed.GetValue(json)
                ? JsonSerializer.Serialize(summary, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }) + Environment.NewLine
                : summary.ToTable());
            return summary.Passed ? 0 : 1;
        });
        return chaos;
    }
}
