using HdrHistogram;

namespace Sos.Simulator;

/// <summary>Percentiles of one latency, in milliseconds.</summary>
/// <param name="Count">Samples.</param>
/// <param name="P50">Median.</param>
/// <param name="P90">90th percentile.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="Max">Largest.</param>
public sealed record LatencySummary(long Count, double P50, double P90, double P99, double Max)
{
    /// <summary>The percentiles of <paramref name="histogram"/>, which holds microseconds.</summary>
    public static LatencySummary Of(HistogramBase histogram) =>
        histogram.TotalCount == 0
            ? new LatencySummary(0, 0, 0, 0, 0)
            : new LatencySummary(
                histogram.TotalCount,
                Milliseconds(histogram.GetValueAtPercentile(50)),
                Milliseconds(histogram.GetValueAtPercentile(90)),
                Milliseconds(histogram.GetValueAtPercentile(99)),
                Milliseconds(histogram.GetMaxValue()));

    /// <summary>One line for the table.</summary>
    public override string ToString() =>
        Count == 0 ? "no samples" : $"p50 {P50,8:0.0} ms   p90 {P90,8:0.0} ms   p99 {P99,8:0.0} ms   max {Max,8:0.0} ms   (n={Count})";

    private static double Milliseconds(long microseconds) => Math.Round(microseconds / 1000.0, 1);
}
