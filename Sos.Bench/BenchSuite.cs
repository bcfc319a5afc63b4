using Sos.Simulator.Chaos;

namespace Sos.Bench;

/// <summary>Runs every measurement of a profile, side by side in one process, and fills the report.</summary>
public static class BenchSuite
{
    private const double OfferedRate = 100;
    private const double P99LimitMs = 50;

    /// <summary>Runs the suite; progress goes to <paramref name="progress"/>.</summary>
    public static async Task<BenchReport> RunAsync(BenchProfile profile, string? postgresServer, TextWriter progress)
    {
        var report = new BenchReport();
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"sos-bench-{Guid.NewGuid():N}");

        progress.WriteLine("Embedded (SQLite): press → ring at 100/s …");
        await using (var embedded = await BenchSilo.StartAsync(new Dictionary<string, string?> { ["Sos:Mode"] = "Embedded", ["Sos:DataDirectory"] = dataDirectory }))
        {
            await using var run = await PressToRingRun.PrepareAsync(embedded.Client, kioskCount: 500, operatorCount: 20);
            var latency = await run.RunAsync(OfferedRate, profile.LatencyRun);
            report.PressToRingP50MsEmbedded = latency.PercentileMs(50);
            report.PressToRingP99MsEmbedded = latency.PercentileMs(99);
            report.PressToRingP999MsEmbedded = latency.PercentileMs(99.9);
            progress.WriteLine($"  p50 {latency.PercentileMs(50):0.00} ms, p99 {latency.PercentileMs(99):0.00} ms, failed {latency.Failed}");
        }

        progress.WriteLine("Embedded (SQLite) without the writer gate: press → ring at 100/s …");
        await using (var embedded = await BenchSilo.StartAsync(new Dictionary<string, string?> { ["Sos:Mode"] = "Embedded", ["Sos:DataDirectory"] = dataDirectory + "-ungated", ["Sos:Database:SqliteWriterGate"] = "false" }))
        {
            await using var run = await PressToRingRun.PrepareAsync(embedded.Client, kioskCount: 500, operatorCount: 20);
            var latency = await run.RunAsync(OfferedRate, profile.LatencyRun);
            report.PressToRingP99MsEmbeddedWithoutWriterGate = latency.PercentileMs(99);
            report.WriterGateRatio = report.PressToRingP99MsEmbeddedWithoutWriterGate / report.PressToRingP99MsEmbedded;
            progress.WriteLine($"  p50 {latency.PercentileMs(50):0.00} ms, p99 {latency.PercentileMs(99):0.00} ms, failed {latency.Failed}");
        }

        progress.WriteLine("Embedded (SQLite): press → ring at 10/s, and the highest rate with p99 ≤ 50 ms …");
        await using (var embedded = await BenchSilo.StartAsync(new Dictionary<string, string?> { ["Sos:Mode"] = "Embedded", ["Sos:DataDirectory"] = dataDirectory + "-rate" }))
        {
            await using var run = await PressToRingRun.PrepareAsync(embedded.Client, kioskCount: 500, operatorCount: 50);
            var latency = await run.RunAsync(10, profile.LatencyRun);
            report.PressToRingP50MsEmbeddedAt10PerSec = latency.PercentileMs(50);
            report.PressToRingP99MsEmbeddedAt10PerSec = latency.PercentileMs(99);
            progress.WriteLine($"  10/s: p50 {latency.PercentileMs(50):0.00} ms, p99 {latency.PercentileMs(99):0.00} ms, failed {latency.Failed}");
            var (rate, steps) = await run.HighestSustainedRateAsync(profile.Rates, profile.RateStep, P99LimitMs);
            PrintSteps(progress, steps);
            report.EmbeddedPressesPerSec = rate;
        }

        progress.WriteLine("Embedded (SQLite) through the HTTP device API over loopback: press → ring at 100/s …");
        await using (var embedded = await BenchSilo.StartAsync(new Dictionary<string, string?> { ["Sos:Mode"] = "Embedded", ["Sos:DataDirectory"] = dataDirectory + "-http" }))
        {
            await using var run = await PressToRingRun.PrepareAsync(embedded.Client, kioskCount: 500, operatorCount: 20, embedded.BaseAddress);
            var latency = await run.RunAsync(OfferedRate, profile.LatencyRun);
            report.GatewayPressToRingP99Ms = latency.PercentileMs(99);
            progress.WriteLine($"  p50 {latency.PercentileMs(50):0.00} ms, p99 {latency.PercentileMs(99):0.00} ms, failed {latency.Failed}");
        }

        await using (var database = await BenchPostgres.CreateAsync(postgresServer))
        {
            await using var cluster = await BenchSilo.StartAsync(new Dictionary<string, string?> { ["Sos:Mode"] = "Cluster", ["ConnectionStrings:Sos"] = database.ConnectionString });
            await using var run = await PressToRingRun.PrepareAsync(cluster.Client, kioskCount: 4000, operatorCount: 200);

            progress.WriteLine("Cluster (PostgreSQL): highest durable press rate with p99 ≤ 50 ms …");
            var (rate, steps) = await run.HighestSustainedRateAsync(profile.Rates, profile.RateStep, P99LimitMs);
            PrintSteps(progress, steps);

            report.DurablePressesPerSec = rate;

            progress.WriteLine("Cluster (PostgreSQL): press → ring at 100/s …");
            var writesBefore = StorageWriteCounter.Snapshot();
            var latency = await run.RunAsync(OfferedRate, profile.LatencyRun);
            var calls = latency.Offered - latency.Failed;
            var writes = StorageWriteCounter.Snapshot().Select(w => (State: w.Key, PerCall: (w.Value - writesBefore.GetValueOrDefault(w.Key)) / (double)Math.Max(1, calls)))
                .Where(w => w.PerCall > 0).OrderByDescending(w => w.PerCall).ToList();
            report.StateWritesPerCall = writes.Sum(w => w.PerCall);
            progress.WriteLine($"  state writes per call: {report.StateWritesPerCall:0.00} ({string.Join(", ", writes.Select(w => $"{w.State} {w.PerCall:0.00}"))})");
            report.PressToRingP50MsPostgres = latency.PercentileMs(50);
            report.PressToRingP99MsPostgres = latency.PercentileMs(99);
            report.PressToRingP999MsPostgres = latency.PercentileMs(99.9);
            report.PressToAckP99MsPostgres = latency.AckPercentileMs(99);
            progress.WriteLine($"  p50 {latency.PercentileMs(50):0.00} ms, p99 {latency.PercentileMs(99):0.00} ms, failed {latency.Failed}; press → acknowledgement p50 {latency.AckPercentileMs(50):0.00} ms, p99 {latency.AckPercentileMs(99):0.00} ms");

            progress.WriteLine("Cluster (PostgreSQL): a burst of 2,000 kiosks pressing within 10 s, 20 operators talking 150 ms each …");
            var burst = await BurstRun.RunAsync(cluster.Client, kiosks: 2000, operators: 20, spread: TimeSpan.FromSeconds(10), talk: TimeSpan.FromMilliseconds(150));
            report.BurstAcknowledged = burst.Acknowledged;
            report.BurstLost = burst.Lost;
            report.BurstAllRungSeconds = burst.AllRungSeconds;
            report.BurstOrderInversions = burst.OrderInversions;
            report.BurstWallReadP99Ms = burst.WallReadP99Ms;
            report.BurstLongestQueue = burst.LongestQueue;
            progress.WriteLine($"  acknowledged {burst.Acknowledged}, lost {burst.Lost}, all rung after {burst.AllRungSeconds:0.0} s, order inversions {burst.OrderInversions}, wall read p99 {burst.WallReadP99Ms:0.0} ms, longest queue {burst.LongestQueue}");

            progress.WriteLine("PostgreSQL: raw single-row upserts, same connection settings …");
            var (upserts, upsertP99) = await ThroughputRuns.RawUpsertsAsync(database.ConnectionString, profile.ThroughputRun);
            report.RawUpsertsPerSec = upserts;
            report.RawUpsertP99Ms = upsertP99;
            report.AckOverRawUpsertP99Ms = report.PressToAckP99MsPostgres - upsertP99;
            report.DurableToRawRatio = report.DurablePressesPerSec / report.RawUpsertsPerSec;

            progress.WriteLine("Heartbeats: 20,000 kiosks, one every 10 s …");
            var (beats, cpu) = await ThroughputRuns.HeartbeatsAsync(cluster.Client, 20_000, TimeSpan.FromSeconds(10), profile.HeartbeatRun);
            report.HeartbeatsPerSec = beats;
            report.HeartbeatCpuPercent = cpu;
        }

        progress.WriteLine("Memory: closed-loop presses against no-op grain calls …");
        await using (var memory = await BenchSilo.StartAsync(new Dictionary<string, string?> { ["Sos:Mode"] = "Memory" }))
        {
            await using var run = await PressToRingRun.PrepareAsync(memory.Client, kioskCount: 2000, operatorCount: 200);
            report.MemoryPressesPerSec = await run.ClosedLoopAsync(workers: 64, profile.ThroughputRun);
            report.NoopGrainCallsPerSec = await ThroughputRuns.NoopCallsPerSecondAsync(memory.Client, profile.ThroughputRun);
            report.PressToNoopRatio = report.MemoryPressesPerSec / report.NoopGrainCallsPerSec;
        }

        progress.WriteLine($"Chaos: PostgreSQL, 3 silo processes, 20 presses/s from 100 kiosks, {profile.Kills} silos killed with SIGKILL …");
        var server = postgresServer ?? await ChaosPostgres.StartLocalServerAsync(CancellationToken.None);
        var chaos = await new ChaosRun(new ChaosOptions { PostgresServer = server, Duration = profile.ChaosRun, Kills = profile.Kills }, progress).RunAsync(CancellationToken.None);
        progress.WriteLine(chaos.ToTable());
        report.FailoverSecondsP50 = chaos.FailoverSecondsP50;
        report.FailoverSecondsMax = chaos.FailoverSecondsMax;

        foreach (var directory in new[] { dataDirectory, dataDirectory + "-ungated", dataDirectory + "-http", dataDirectory + "-rate" }.Where(Directory.Exists))
        {
            Directory.Delete(directory, recursive: true);
        }

        return report;
    }

    private static void PrintSteps(TextWriter progress, IReadOnlyList<(double Rate, LatencyResult Result)> steps)
    {
        foreach (var (offered, result) in steps)
        {
            progress.WriteLine($"  {offered}/s: completed {result.CompletedPerSecond:0}/s, p50 {result.PercentileMs(50):0.0} ms, p99 {result.PercentileMs(99):0.0} ms, failed {result.Failed}, took {result.Elapsed.TotalSeconds:0.0} s");
        }
    }
}
