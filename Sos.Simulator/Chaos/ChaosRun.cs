using System.Diagnostics;
using Sos.Grains.Abstractions;

namespace Sos.Simulator.Chaos;

/// <summary>
/// A chaos run: a throw-away database, real silo processes, the simulator's load (kiosks over every silo's device API,
/// operator bots over an Orleans client), silos killed with SIGKILL on a schedule and started again, then the check of
/// every acknowledged press against the call grains and the failover time of each kill.
/// </summary>
public sealed class ChaosRun(ChaosOptions options, TextWriter progress)
{
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(5);

    /// <summary>Runs it; everything it started is stopped and dropped when it returns.</summary>
    public async Task<ChaosSummary> RunAsync(CancellationToken cancellationToken)
    {
        var settings = ChaosCluster.DefaultSettings();
        foreach (var (key, value) in options.SiloSettings)
        {
            settings[key] = value;
        }

        await using var cluster = await ChaosCluster.StartAsync(options.PostgresServer, options.Silos, settings, options.LogDirectory, progress, cancellationToken);
        var simulationOptions = new SimulationOptions
        {
            Urls = cluster.DeviceApis,
            Duration = options.Duration,
            Rate = options.Rate,
            Kiosks = options.Kiosks,
            Operators = options.Operators,
            Seed = options.Seed,
            Prefix = "chaos",
            CentreId = SosConstants.DefaultCentreId,
            AcceptDelay = options.AcceptDelay,
            TalkTime = options.TalkTime,
            MissRate = 0,

            // Notification-driven like a console, with a slow safety read: 40 bots reading at 4 Hz would load the
            // two cores the silos need.
            BotPoll = TimeSpan.FromSeconds(1),
            CancelRate = 0,
            RetryRate = options.RetryRate,
            HeartbeatInterval = HeartbeatInterval,
            Drain = options.Drain,
        };
        using var http = new HttpClient { Timeout = options.RequestTimeout };
        var simulation = new Simulation(simulationOptions, cluster.Client, http, progress, interactive: false);
        var running = simulation.RunAsync(cancellationToken);
        await Task.WhenAny(simulation.PressesStarted, running);
        var probe = new RoutingProbe(cluster.Client.GetRouting(SosConstants.DefaultCentreId));
        using var stopProbe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var probing = Task.Run(() => probe.RunAsync(stopProbe.Token), CancellationToken.None);

        var kills = new List<SiloKill>();
        Exception? killing = null;
        try
        {
            await KillOnScheduleAsync(cluster, Stopwatch.StartNew(), kills, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            killing = exception;
        }

        var simulated = await running;
        await stopProbe.CancelAsync();
        await probing;
        if (killing is not null)
        {
            throw new InvalidOperationException($"The kill schedule failed after {kills.Count} kills: {killing.Message}", killing);
        }

        return await JudgeAsync(cluster, simulated, kills, probe);
    }

    private async Task KillOnScheduleAsync(ChaosCluster cluster, Stopwatch clock, List<SiloKill> kills, CancellationToken cancellationToken)
    {
        var random = new Random(Simulation.SeedFor(options.Seed, int.MinValue));
        var routing = cluster.Client.GetRouting(SosConstants.DefaultCentreId);
        for (var i = 0; i < options.Kills; i++)
        {
            var due = options.Duration * (i + 1) / (options.Kills + 1);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }

            var scenario = i % 2 == 0 ? ChaosScenario.OtherSilo : ChaosScenario.RoutingSilo;
            var routingSlot = await ReadAsync(() => cluster.SlotHoldingAsync(routing));
            var others = Enumerable.Range(0, cluster.Size).Where(s => s != routingSlot).ToList();
            var slot = scenario == ChaosScenario.RoutingSilo && routingSlot is { } holding ? holding : others[random.Next(others.Count)];
            var address = await ReadAsync(() => cluster.AddressOfAsync(slot));

            var killedAt = await cluster.KillAsync(slot);
            await progress.WriteLineAsync($"{clock.Elapsed.TotalSeconds,6:0.0} s  kill {i + 1}: SIGKILL to silo {address} ({(slot == routingSlot ? "holds routing" : "does not hold routing")})");
            var declaredDeadAt = await cluster.WaitDeclaredDeadAsync(address, cancellationToken);
            await progress.WriteLineAsync($"{clock.Elapsed.TotalSeconds,6:0.0} s  kill {i + 1}: declared dead after {(declaredDeadAt - killedAt).TotalSeconds:0.00} s");
            var restartDue = killedAt + options.RestartDelay - DateTimeOffset.UtcNow;
            if (restartDue > TimeSpan.Zero)
            {
                await Task.Delay(restartDue, cancellationToken);
            }

            await progress.WriteLineAsync($"{clock.Elapsed.TotalSeconds,6:0.0} s  kill {i + 1}: starting a new silo on its ports");
            await cluster.StartSiloAsync(slot);
            var restartedAt = DateTimeOffset.UtcNow;
            await progress.WriteLineAsync($"{clock.Elapsed.TotalSeconds,6:0.0} s  kill {i + 1}: replacement started {(restartedAt - killedAt).TotalSeconds:0.0} s after the kill");
            kills.Add(new SiloKill(i + 1, scenario, slot, address.ToString(), killedAt, declaredDeadAt, restartedAt));
        }
    }

    private async Task<ChaosSummary> JudgeAsync(ChaosCluster cluster, SimulationSummary simulated, IReadOnlyList<SiloKill> kills, RoutingProbe probe)
    {
        var calls = new Dictionary<Guid, CallSnapshot>();
        foreach (var callId in simulated.Acknowledgements.Select(a => a.CallId).Distinct())
        {
            calls[callId] = await ReadAsync(() => cluster.Client.GetCall(callId).GetAsync());
        }

        long callsOpenedByKiosks = 0;
        foreach (var kioskId in simulated.Acknowledgements.Select(a => a.KioskId).Distinct())
        {
            callsOpenedByKiosks += (await ReadAsync(() => cluster.Client.GetKiosk(kioskId).GetAsync())).CallCount;
        }

        var cancelled = simulated.CancelledCalls.ToHashSet();
        var lost = ChaosAnalysis.Lost(simulated.Acknowledgements, calls, cancelled);
        var results = kills.Select(k => ChaosAnalysis.Failover(k, simulated.Acknowledgements, calls, probe.FirstRingingSeen)).ToList();
        var perKill = results.Select(r => r.Result.FailoverSeconds).ToList();
        var perCall = results.SelectMany(r => r.CallSeconds).ToList();
        var recovered = perKill.All(f => f is not null);
        return new ChaosSummary
        {
            Seed = options.Seed,
            Silos = options.Silos,
            Kiosks = options.Kiosks,
            Operators = options.Operators,
            Rate = options.Rate,
            DurationSeconds = simulated.DurationSeconds,
            PressesSent = simulated.PressesSent,
            Acknowledged = simulated.PressesAcknowledged,
            PressesFailed = simulated.PressesFailed,
            PressesRetried = simulated.PressesRetried,
            Responses503 = simulated.Unavailable,
            Unanswered = simulated.Unanswered,
            CallsCreated = simulated.CallsCreated,
            CallsAnswered = simulated.CallsAnswered,
            Lost = lost.Count,
            Duplicates = ChaosAnalysis.Duplicates(simulated.DuplicateCalls, callsOpenedByKiosks, simulated.CallsCreated, simulated.PressesFailed),
            Kills = kills.Count,
            FailoverSecondsP50 = recovered && perKill.Count > 0 ? ChaosAnalysis.Percentile([.. perKill.Select(f => f!.Value)], 50) : null,
            FailoverSecondsMax = recovered && perKill.Count > 0 ? perKill.Max() : null,
            DetectionSecondsP50 = ChaosAnalysis.Percentile([.. results.Select(r => r.Result.DetectionSeconds)], 50),
            AffectedCalls = results.Sum(r => r.Result.AffectedCalls),
            CallFailoverSecondsP50 = ChaosAnalysis.Percentile(perCall, 50),
            CallFailoverSecondsP99 = ChaosAnalysis.Percentile(perCall, 99),
            PressToAck = simulated.PressToAck,
            PressToRing = simulated.PressToRing,
            OpenToRing = ChaosAnalysis.OpenToRing(calls.Values),
            OpenToRingOutsideKills = ChaosAnalysis.OpenToRing(ChaosAnalysis.OutsideKills(calls.Values, kills)),
            KillLog = [.. results.Select(r => r.Result)],
            LostExamples = [.. lost.Take(10).Select(a => Describe(a, calls.GetValueOrDefault(a.CallId)))],
            CallIds = [.. calls.Keys],
        };
    }

    private static string Describe(PressAcknowledgement press, CallSnapshot? call) =>
        call is null
            ? $"press {press.PressId} on {press.KioskId} acknowledged at {press.AcknowledgedAt:HH:mm:ss.fff} with call {press.CallId}, which could not be read"
            : $"press {press.PressId} on {press.KioskId} acknowledged at {press.AcknowledgedAt:HH:mm:ss.fff}: call {call.CallId} is {call.Status} " +
              $"({string.Join(", ", call.Timeline.Select(e => $"{e.Kind} {e.At:HH:mm:ss.fff}"))})";

    /// <summary>A read through the cluster (between kills, or after the run); a read may still meet a timeout under load.</summary>
    private static async Task<T> ReadAsync<T>(Func<Task<T>> read)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await read();
            }
            catch (Exception exception) when (exception is not SosDomainException && attempt < 10)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }
    }
}
