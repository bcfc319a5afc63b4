using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sos.Bench;

/// <summary>Every figure of one benchmark run; null where this run could not measure it.</summary>
public sealed class BenchReport
{
    public double? PressToRingP50MsEmbedded { get; set; }
    public double? PressToRingP99MsEmbedded { get; set; }
    public double? PressToRingP999MsEmbedded { get; set; }
    public double? PressToRingP99MsEmbeddedWithoutWriterGate { get; set; }
    public double? WriterGateRatio { get; set; }
    public double? PressToRingP50MsPostgres { get; set; }
    public double? PressToRingP99MsPostgres { get; set; }
    public double? PressToRingP999MsPostgres { get; set; }
    public double? PressToAckP99MsPostgres { get; set; }
    public double? StateWritesPerCall { get; set; }
    public double? RawUpsertP99Ms { get; set; }
    public double? AckOverRawUpsertP99Ms { get; set; }
    public double? GatewayPressToRingP99Ms { get; set; }
    public double? PressToRingP50MsEmbeddedAt10PerSec { get; set; }
    public double? PressToRingP99MsEmbeddedAt10PerSec { get; set; }
    public double? EmbeddedPressesPerSec { get; set; }
    public double? DurablePressesPerSec { get; set; }
    public double? RawUpsertsPerSec { get; set; }
    public double? DurableToRawRatio { get; set; }
    public double? NoopGrainCallsPerSec { get; set; }
    public double? MemoryPressesPerSec { get; set; }
    public double? PressToNoopRatio { get; set; }
    public double? HeartbeatsPerSec { get; set; }
    public double? HeartbeatCpuPercent { get; set; }
    public double? FailoverSecondsP50 { get; set; }
    public double? FailoverSecondsMax { get; set; }
    public double? BurstAcknowledged { get; set; }
    public double? BurstLost { get; set; }
    public double? BurstAllRungSeconds { get; set; }
    public double? BurstOrderInversions { get; set; }
    public double? BurstWallReadP99Ms { get; set; }
    public double? BurstLongestQueue { get; set; }

    /// <summary>The report as one JSON object (camelCase field names).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false,
    });

    /// <summary>The report as a table, one figure a line.</summary>
    public string ToTable()
    {
        var rows = typeof(BenchReport).GetProperties()
            .Select(p => (Name: JsonNamingPolicy.CamelCase.ConvertName(p.Name), Value: (double?)p.GetValue(this)));
        var width = rows.Max(r => r.Name.Length);
        return string.Join(Environment.NewLine, rows.Select(r => $"{r.Name.PadRight(width)}  {(r.Value is { } v ? v.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) : "—")}"));
    }
}
