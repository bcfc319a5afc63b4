using System.Diagnostics;
using HdrHistogram;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;
using Sos.Grains.Abstractions;
using Sos.Silo;
using Sos.Silo.Storage;
using Sos.Simulator.Chaos;

namespace Sos.Bench.Streams;

/// <summary>
/// The stream-provider benchmark (issue 11 item 5): one silo in this process with memory streams configured like
/// <c>sos-presses</c>, ADO.NET streams on a fresh PostgreSQL database with the same queues and poll, and ADO.NET streams
/// with the provider's own defaults. Each provider in turn (its pulling agents started only for its turn, so the
/// others' polling costs it nothing) carries events at fixed rates to implicitly subscribed consumer grains.
/// </summary>
public static class StreamBench
{
    /// <summary>The stream namespace the consumers are implicitly subscribed to.</summary>
    public const string Namespace = "sos.bench.streams";

    private const string DataSourceName = "sos-bench-streams";
    private const int StreamKeys = 4;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan DeliveryGrace = TimeSpan.FromSeconds(5);

    // PostgreSQL's backends publish their table statistics at most once a second: wait that out before reading them.
    private static readonly TimeSpan StatisticsFlush = TimeSpan.FromSeconds(1.5);

    /// <summary>Runs each provider at each rate for <paramref name="duration"/>; progress goes to <paramref name="progress"/>.</summary>
    public static async Task<StreamBenchReport> RunAsync(IReadOnlyList<double> rates, TimeSpan duration, string? postgresServer, TextWriter progress)
    {
        await using var database = await BenchPostgres.CreateAsync(postgresServer);
        await ApplySchemaAsync(database.ConnectionString);
        await using var dataSource = new NpgsqlDataSourceBuilder(database.ConnectionString) { Name = DataSourceName }.Build();
        using var counter = new DbCommandCounter(DataSourceName);

        var press = new SosStreamOptions();
        var providers = new StreamBenchProvider[]
        {
            new("memory", press.PressQueues, press.PressPollInterval, AdoNet: false),
            new("adonet", press.PressQueues, press.PressPollInterval, AdoNet: true),
            new("adonet-defaults", 1, new StreamPullingAgentOptions().GetQueueMsgsTimerPeriod, AdoNet: true),
        };

        using var host = StartSilo(providers, dataSource);
        await host.StartAsync();
        var client = host.Services.GetRequiredService<IClusterClient>();
        var recorder = host.Services.GetRequiredService<StreamBenchRecorder>();
        var report = new StreamBenchReport();
        try
        {
            foreach (var provider in providers)
            {
                progress.WriteLine($"{provider.Name} ({provider.Queues} queue(s), polled every {provider.Poll.TotalMilliseconds:0} ms): warm-up …");
                await ControlAgentsAsync(client, provider.Name, PersistentStreamProviderCommand.StartAgents);
                await PublishAsync(client, provider.Name, phase: 0, rates[0], WarmUp);
                await Task.Delay(StatisticsFlush);
                for (var i = 0; i < rates.Count; i++)
                {
                    var run = await MeasureAsync(client, recorder, counter, database.ConnectionString, provider, phase: i + 1, rates[i], duration);
                    progress.WriteLine($"  {run.RatePerSec}/s: delivered {run.Delivered}/{run.Published}, p50 {run.P50Ms:0.00} ms, p99 {run.P99Ms:0.00} ms, p99.9 {run.P999Ms:0.00} ms, publish p99 {run.PublishP99Ms:0.00} ms, {run.DbCommandsPerEvent:0.00} db commands/event");
                    report.Runs.Add(run);
                }

                await ControlAgentsAsync(client, provider.Name, PersistentStreamProviderCommand.StopAgents);
            }
        }
        finally
        {
            await host.StopAsync();
        }

        return report;
    }

    private static async Task<StreamBenchRun> MeasureAsync(IClusterClient client, StreamBenchRecorder recorder, DbCommandCounter counter, string connectionString, StreamBenchProvider provider, int phase, double rate, TimeSpan duration)
    {
        var before = counter.Snapshot();
        var rowsBefore = await RowsWrittenAsync(connectionString);
        var started = Stopwatch.GetTimestamp();
        var (published, publishLatency) = await PublishAsync(client, provider.Name, phase, rate, duration);

        // Wait for every event, or until deliveries stop coming for a while (a lost event never comes).
        var (delivered, lastProgress) = (-1, Stopwatch.GetTimestamp());
        while (recorder.Delivered(provider.Name, phase) is var now && now < published && (now != delivered || Stopwatch.GetElapsedTime(lastProgress) < DeliveryGrace))
        {
            if (now != delivered)
            {
                (delivered, lastProgress) = (now, Stopwatch.GetTimestamp());
            }

            await Task.Delay(20);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var after = counter.Snapshot();
        var commands = after.Select(c => (Text: c.Key, Commands: c.Value - before.GetValueOrDefault(c.Key))).ToList();
        await Task.Delay(StatisticsFlush);
        var rowsWritten = await RowsWrittenAsync(connectionString) - rowsBefore;
        var (latency, duplicates) = recorder.Snapshot(provider.Name, phase);
        double Ms(LongHistogram h, double percentile) => h.TotalCount == 0 ? double.NaN : h.GetValueAtPercentile(percentile) / 1000.0;
        return new StreamBenchRun
        {
            Provider = provider.AdoNet ? $"ADO.NET streams ({provider.Name})" : $"memory streams ({provider.Name})",
            Queues = provider.Queues,
            PollMs = provider.Poll.TotalMilliseconds,
            RatePerSec = rate,
            Published = published,
            Delivered = (int)latency.TotalCount,
            Duplicates = duplicates,
            P50Ms = Ms(latency, 50),
            P99Ms = Ms(latency, 99),
            P999Ms = Ms(latency, 99.9),
            MaxMs = latency.TotalCount == 0 ? double.NaN : latency.GetMaxValue() / 1000.0,
            PublishP99Ms = Ms(publishLatency, 99),
            DbCommandsPerEvent = commands.Sum(c => c.Commands) / (double)Math.Max(1, published),
            DbPollsPerSec = commands.Where(c => c.Text.Contains("sos_bench_stream_dequeue", StringComparison.Ordinal)).Sum(c => c.Commands) / elapsed.TotalSeconds,
            RowsWrittenPerEvent = rowsWritten / (double)Math.Max(1, published),
        };
    }

    /// <summary>Publishes at <paramref name="rate"/> for <paramref name="duration"/>, open loop, round-robin over the stream keys.</summary>
    private static async Task<(int Published, LongHistogram PublishLatency)> PublishAsync(IClusterClient client, string provider, int phase, double rate, TimeSpan duration)
    {
        var streamProvider = client.GetStreamProvider(provider);
        var streams = Enumerable.Range(0, StreamKeys).Select(k => streamProvider.GetStream<StreamBenchEvent>(StreamId.Create(Namespace, $"key-{k}"))).ToArray();
        var total = (int)(rate * duration.TotalSeconds);
        var publishLatency = new LongHistogram(TimeSpan.FromMinutes(5).Ticks / 10, 3);
        var pending = new List<Task<bool>>(total);
        var start = Stopwatch.GetTimestamp();
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(2));
        for (var sent = 0; sent < total;)
        {
            var due = Math.Min(total, (int)(Stopwatch.GetElapsedTime(start).TotalSeconds * rate) + 1);
            for (; sent < due; sent++)
            {
                pending.Add(PublishOneAsync(streams[sent % StreamKeys], provider, phase, sent, publishLatency));
            }

            await tick.WaitForNextTickAsync();
        }

        var results = await Task.WhenAll(pending);
        return (results.Count(ok => ok), publishLatency);
    }

    private static async Task<bool> PublishOneAsync(IAsyncStream<StreamBenchEvent> stream, string provider, int phase, long sequence, LongHistogram publishLatency)
    {
        var at = Stopwatch.GetTimestamp();
        try
        {
            await stream.OnNextAsync(new StreamBenchEvent(provider, phase, sequence, at));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            await Console.Error.WriteLineAsync($"publish on {provider} failed: {exception.Message}");
            return false;
        }

        var micros = Math.Max(1, (long)Stopwatch.GetElapsedTime(at).TotalMicroseconds);
        lock (publishLatency)
        {
            publishLatency.RecordValue(Math.Min(micros, publishLatency.HighestTrackableValue));
        }

        return true;
    }

    private static Task ControlAgentsAsync(IClusterClient client, string provider, PersistentStreamProviderCommand command) =>
        client.GetGrain<IManagementGrain>(0).SendControlCommandToProvider<PersistentStreamProvider>(provider, (int)command);

    private static IHost StartSilo(IReadOnlyList<StreamBenchProvider> providers, NpgsqlDataSource dataSource)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning).AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddSingleton<StreamBenchRecorder>();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePorts.Next(), FreePorts.Next(), serviceId: DataSourceName, clusterId: $"bench-{Guid.NewGuid():N}");
            silo.AddMemoryGrainStorage(SosConstants.PubSubStore);
            foreach (var provider in providers)
            {
                if (provider.AdoNet)
                {
                    silo.AddAdoNetStreams(provider.Name, stream =>
                    {
                        stream.ConfigureAdoNet(o => o.Configure(a =>
                        {
                            a.Invariant = SosSiloBuilderExtensions.PostgresInvariant;
                            a.DataSource = dataSource;
                        }));
                        stream.ConfigurePartitioning(provider.Queues);
                        Configure(stream, provider);
                    });
                }
                else
                {
                    silo.AddMemoryStreams(provider.Name, stream =>
                    {
                        stream.ConfigurePartitioning(provider.Queues);
                        Configure(stream, provider);
                    });
                }
            }
        });
        return builder.Build();
    }

    private static void Configure(ISiloPersistentStreamConfigurator stream, StreamBenchProvider provider)
    {
        stream.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = provider.Poll));
        stream.ConfigureLifecycle(lifecycle => lifecycle.Configure(o => o.StartupState = StreamLifecycleOptions.RunState.AgentsStopped));
    }

    /// <summary>Rows inserted, updated or deleted so far in the stream tables (PostgreSQL's statistics, not the provider's connections).</summary>
    private static async Task<long> RowsWrittenAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::bigint FROM pg_stat_user_tables WHERE relname LIKE 'sos\\_bench\\_stream\\_%'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Sos.Silo's own migrations (they create OrleansQuery), then the benchmark's stream schema.</summary>
    private static async Task ApplySchemaAsync(string connectionString)
    {
        await SchemaMigrator.ApplyAsync(SchemaDialect.PostgreSql, connectionString, NullLogger.Instance, CancellationToken.None);
        await using var script = typeof(StreamBench).Assembly.GetManifestResourceStream("Sos.Bench.adonet-streams.sql")
            ?? throw new InvalidOperationException("The stream schema is not embedded in Sos.Bench.");
        using var reader = new StreamReader(script);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(await reader.ReadToEndAsync(), connection);
        await command.ExecuteNonQueryAsync();
    }
}
