using System.Diagnostics;
using Npgsql;
using Sos.Grains.Abstractions;

namespace Sos.Bench;

/// <summary>Closed-loop throughput figures: the limits the press path is compared with.</summary>
public static class ThroughputRuns
{
    /// <summary>No-op grain calls per second from <paramref name="workers"/> concurrent callers over many grains.</summary>
    public static async Task<double> NoopCallsPerSecondAsync(IClusterClient client, TimeSpan duration, int workers = 64)
    {
        var grains = Enumerable.Range(0, 1024).Select(i => client.GetGrain<INoopGrain>($"noop-{i}")).ToArray();
        foreach (var grain in grains)
        {
            await grain.PingAsync();
        }

        return await ClosedLoopAsync(duration, workers, async (worker, i) => await grains[(worker * 7919 + i) % grains.Length].PingAsync());
    }

    /// <summary>
    /// Plain single-row upserts per second against PostgreSQL with the same connection string, each in its own
    /// statement (and so its own commit), from <paramref name="workers"/> connections: the physical limit of a durable
    /// write; and the p99 latency of one such upsert, in milliseconds.
    /// </summary>
    public static async Task<(double PerSecond, double P99Ms)> RawUpsertsAsync(string connectionString, TimeSpan duration, int workers = 16)
    {
        await using var data = NpgsqlDataSource.Create(connectionString);
        await using (var create = data.CreateCommand("CREATE TABLE IF NOT EXISTS bench_upsert (id bigint PRIMARY KEY, payload bytea NOT NULL, version int NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var payload = new byte[600];
        Random.Shared.NextBytes(payload);
        var latencies = new HdrHistogram.LongHistogram(TimeSpan.FromSeconds(60).Ticks / 10, 3);
        var perSecond = await ClosedLoopAsync(duration, workers, async (worker, i) =>
        {
            var one = Stopwatch.StartNew();
            await using var upsert = data.CreateCommand(
                "INSERT INTO bench_upsert (id, payload, version) VALUES ($1, $2, 0) ON CONFLICT (id) DO UPDATE SET payload = EXCLUDED.payload, version = bench_upsert.version + 1");
            upsert.Parameters.AddWithValue((long)(worker * 1_000_000 + i % 1000));
            upsert.Parameters.AddWithValue(payload);
            await upsert.ExecuteNonQueryAsync();
            lock (latencies)
            {
                latencies.RecordValue(Math.Max(1, (long)one.Elapsed.TotalMicroseconds));
            }
        });
        return (perSecond, latencies.GetValueAtPercentile(99) / 1000.0);
    }

    /// <summary>
    /// Heartbeats from <paramref name="kiosks"/> kiosks, each once per <paramref name="interval"/>, for
    /// <paramref name="duration"/>; returns heartbeats per second achieved and this process's CPU use (percent of all cores).
    /// </summary>
    public static async Task<(double PerSecond, double CpuPercent)> HeartbeatsAsync(IClusterClient client, int kiosks, TimeSpan interval, TimeSpan duration)
    {
        var centre = $"beat-{Guid.NewGuid():N}";
        // Registered with the interval they beat at, as a real deployment is (the default interval is shorter).
        var registration = new KioskRegistration("Beat kiosk", "Beat street", 52.29, 76.95, "Beat", centre, interval);
        var grains = Enumerable.Range(0, kiosks).Select(i => client.GetKiosk($"{centre}-k{i}")).ToArray();
        await Parallel.ForEachAsync(grains, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (kiosk, _) => await kiosk.RegisterAsync(registration, Actors.Tool("bench")));
        var health = new KioskHealth(true, true, false, PowerSource.Mains, "bench-1.0");

        // Warm-up round, not measured: a kiosk's first heartbeat activates it, writes its state and starts its
        // supervision (a reminder). The figure is the steady state that follows, one heartbeat per interval.
        // A cold start of 20,000 kiosks is itself a storm (each first heartbeat writes twice): paced, and retried.
        await Parallel.ForEachAsync(grains, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (kiosk, _) =>
        {
            try
            {
                await kiosk.HeartbeatAsync(health);
            }
            catch (TimeoutException)
            {
                await kiosk.HeartbeatAsync(health);
            }
        });

        var rate = kiosks / interval.TotalSeconds;
        var total = (int)(rate * duration.TotalSeconds);
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var sent = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var wait = TimeSpan.FromSeconds(i / rate) - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            sent.Add(grains[i % kiosks].HeartbeatAsync(health));
        }

        // A heartbeat that fails (times out under overload) is not counted as held.
        var outcomes = await Task.WhenAll(sent.Select(async beat =>
        {
            try
            {
                await beat;
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }));
        total = outcomes.Count(held => held);
        var elapsed = clock.Elapsed;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore) / elapsed / Environment.ProcessorCount * 100;
        return (total / elapsed.TotalSeconds, cpu);
    }

    private static async Task<double> ClosedLoopAsync(TimeSpan duration, int workers, Func<int, int, Task> operation)
    {
        long done = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; clock.Elapsed < duration; i++)
            {
                await operation(worker, i);
                Interlocked.Increment(ref done);
            }
        })));
        return done / clock.Elapsed.TotalSeconds;
    }
}
