using System.Diagnostics;
using System.Text.Json;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

/// <summary>
/// The quick and streams benchmark commands run from the build and fill every field. Its figures are not checked here: speed is
/// measured by the benchmark (docs/benchmarks.md), never asserted by the suite.
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed class BenchmarkCommandTests(ITestOutputHelper output)
{
    private static readonly string[] Fields =
    [
        "pressToRingP50MsEmbedded", "pressToRingP99MsEmbedded", "pressToRingP999MsEmbedded",
        "pressToRingP50MsPostgres", "pressToRingP99MsPostgres", "pressToRingP999MsPostgres",
        "gatewayPressToRingP99Ms", "durablePressesPerSec", "rawUpsertsPerSec", "durableToRawRatio",
        "noopGrainCallsPerSec", "pressToNoopRatio", "heartbeatsPerSec", "heartbeatCpuPercent",
        "failoverSecondsP50", "failoverSecondsMax", "pressToRingP99MsEmbeddedWithoutWriterGate", "writerGateRatio",
        "pressToAckP99MsPostgres", "stateWritesPerCall", "rawUpsertP99Ms", "ackOverRawUpsertP99Ms",
        "burstAcknowledged", "burstLost", "burstAllRungSeconds", "burstOrderInversions", "burstWallReadP99Ms", "burstLongestQueue",
    ];

    private static readonly string[] StreamRunFields =
    [
        "queues", "pollMs", "ratePerSec", "published", "delivered", "duplicates", "p50Ms", "p99Ms", "p999Ms", "maxMs",
        "publishP99Ms", "dbCommandsPerEvent", "dbPollsPerSec", "rowsWrittenPerEvent",
    ];

    [Fact]
    public async Task QuickBenchmarkCommandRunsAndFillsEveryField()
    {
        var report = await RunBenchAsync("quick", "--json", "--postgres", TestPostgres.ServerConnectionString);
        foreach (var field in Fields)
        {
            Assert.True(report.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number, $"{field} is missing or not a number: {report}");
        }
    }

    [Fact]
    public async Task StreamsBenchmarkCommandMeasuresEveryProviderAndFillsEveryField()
    {
        var report = await RunBenchAsync("streams", "--json", "--seconds", "1", "--postgres", TestPostgres.ServerConnectionString);
        var runs = report.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(6, runs.Count); // memory, ADO.NET tuned like sos-presses, ADO.NET defaults; two rates each
        Assert.Contains(runs, r => r.GetProperty("provider").GetString()!.StartsWith("memory", StringComparison.Ordinal));
        Assert.Contains(runs, r => r.GetProperty("provider").GetString()!.StartsWith("ADO.NET", StringComparison.Ordinal));
        foreach (var run in runs)
        {
            foreach (var field in StreamRunFields)
            {
                Assert.True(run.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number, $"{field} is missing or not a number: {run}");
            }

            Assert.True(run.GetProperty("published").GetInt32() > 0, $"nothing was published: {run}");
        }
    }

    private async Task<JsonElement> RunBenchAsync(params string[] arguments)
    {
        var bench = Path.Combine(AppContext.BaseDirectory.Replace($"{Path.DirectorySeparatorChar}Sos.Tests{Path.DirectorySeparatorChar}", $"{Path.DirectorySeparatorChar}Sos.Bench{Path.DirectorySeparatorChar}", StringComparison.Ordinal), "Sos.Bench.dll");
        Assert.True(File.Exists(bench), $"the benchmark is not built at {bench}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(bench)! };
        foreach (var argument in new[] { bench }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var run = Process.Start(start)!;
        run.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                output.WriteLine(line);
            }
        };
        run.BeginErrorReadLine();
        var stdout = await run.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await run.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(10), TestContext.Current.CancellationToken);

        Assert.Equal(0, run.ExitCode);
        var report = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]).RootElement;
        output.WriteLine(report.ToString());
        return report;
    }
}
