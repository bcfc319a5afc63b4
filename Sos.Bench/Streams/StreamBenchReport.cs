using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sos.Bench.Streams;

/// <summary>One provider at one offered rate.</summary>
public sealed class StreamBenchRun
{
    /// <summary>The provider measured, as the report names it.</summary>
    public required string Provider { get; init; }

    /// <summary>Its queues.</summary>
    public required int Queues { get; init; }

    /// <summary>How often each queue is polled, in milliseconds.</summary>
    public required double PollMs { get; init; }

    /// <summary>Events offered a second.</summary>
    public required double RatePerSec { get; init; }

    /// <summary>Events published (the publish call completed).</summary>
    public required int Published { get; init; }

    /// <summary>Distinct events the consumers received.</summary>
    public required int Delivered { get; init; }

    /// <summary>Events received more than once.</summary>
    public required int Duplicates { get; init; }

    /// <summary>Publish → consumer receipt, median, in milliseconds.</summary>
    public required double P50Ms { get; init; }

    /// <summary>Publish → consumer receipt, 99th percentile, in milliseconds.</summary>
    public required double P99Ms { get; init; }

    /// <summary>Publish → consumer receipt, 99.9th percentile, in milliseconds.</summary>
    public required double P999Ms { get; init; }

    /// <summary>Publish → consumer receipt, worst, in milliseconds.</summary>
    public required double MaxMs { get; init; }

    /// <summary>How long the publish call took, 99th percentile, in milliseconds.</summary>
    public required double PublishP99Ms { get; init; }

    /// <summary>Database commands the provider ran over the run, per event published (0 for memory streams).</summary>
    public required double DbCommandsPerEvent { get; init; }

    /// <summary>Of those, the queue polls a second (whether they found anything or not).</summary>
    public required double DbPollsPerSec { get; init; }

    /// <summary>Rows inserted, updated or deleted in the stream tables (PostgreSQL's statistics), per event published.</summary>
    public required double RowsWrittenPerEvent { get; init; }
}

/// <summary>Every figure of one run of <c>Sos.Bench streams</c>.</summary>
public sealed class StreamBenchReport
{
    /// <summary>The runs, in the order they ran.</summary>
    public List<StreamBenchRun> Runs { get; } = [];

    /// <summary>The report as one JSON object (camelCase field names).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false,
    });

    /// <summary>The report as a Markdown table, one run a row.</summary>
    public string ToTable()
    {
        static string N(double value) => double.IsNaN(value) ? "—" : value.ToString(value >= 100 ? "0" : "0.0#", CultureInfo.InvariantCulture);
        var lines = new List<string>
        {
            "| provider | queues × poll | rate/s | published | delivered | dup | p50 ms | p99 ms | p99.9 ms | max ms | publish p99 ms | db commands/event | db polls/s | rows written/event |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        };
        lines.AddRange(Runs.Select(r =>
            $"| {r.Provider} | {r.Queues} × {N(r.PollMs)} ms | {N(r.RatePerSec)} | {r.Published} | {r.Delivered} | {r.Duplicates} | {N(r.P50Ms)} | {N(r.P99Ms)} | {N(r.P999Ms)} | {N(r.MaxMs)} | {N(r.PublishP99Ms)} | {N(r.DbCommandsPerEvent)} | {N(r.DbPollsPerSec)} | {N(r.RowsWrittenPerEvent)} |"));
        return string.Join(Environment.NewLine, lines);
    }
}
