using HdrHistogram;

namespace Sos.Bench;

/// <summary>Latencies of one fixed-rate run, in microseconds.</summary>
/// <param name="Histogram">The recorded latencies.</param>
/// <param name="Offered">Presses offered.</param>
/// <param name="Failed">Presses that failed or never rang.</param>
/// <param name="OfferedFor">How long offering took.</param>
/// <param name="Elapsed">How long until the last press completed.</param>
/// <param name="Acknowledgements">Press → acknowledgement latencies of the same presses.</param>
public sealed record LatencyResult(LongHistogram Histogram, int Offered, int Failed, TimeSpan OfferedFor, TimeSpan Elapsed, LongHistogram Acknowledgements)
{
    /// <summary>A percentile of press → acknowledgement in milliseconds.</summary>
    public double AckPercentileMs(double percentile) => Acknowledgements.TotalCount == 0 ? double.NaN : Acknowledgements.GetValueAtPercentile(percentile) / 1000.0;

    /// <summary>A percentile in milliseconds.</summary>
    public double PercentileMs(double percentile) => Histogram.TotalCount == 0 ? double.NaN : Histogram.GetValueAtPercentile(percentile) / 1000.0;

    /// <summary>Presses completed per second over the run.</summary>
    public double CompletedPerSecond => Histogram.TotalCount / Elapsed.TotalSeconds;
}
