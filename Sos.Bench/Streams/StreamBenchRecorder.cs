using System.Diagnostics;
using HdrHistogram;

namespace Sos.Bench.Streams;

/// <summary>
/// What the benchmark's consumers received, by provider and run: publish → receipt latencies (microseconds), how many
/// distinct events arrived and how many arrived again. One per silo, shared by every consumer activation.
/// </summary>
public sealed class StreamBenchRecorder
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string Provider, int Phase), Receipts> runs = [];

    /// <summary>Records the receipt of <paramref name="item"/> at <paramref name="receivedAt"/> (a Stopwatch timestamp).</summary>
    public void Received(StreamBenchEvent item, long receivedAt)
    {
        if (item.Phase == 0)
        {
            return;
        }

        var micros = Math.Max(1, (long)Stopwatch.GetElapsedTime(item.PublishedAt, receivedAt).TotalMicroseconds);
        lock (gate)
        {
            if (!runs.TryGetValue((item.Provider, item.Phase), out var receipts))
            {
                receipts = new Receipts();
                runs.Add((item.Provider, item.Phase), receipts);
            }

            if (receipts.Sequences.Add(item.Sequence))
            {
                receipts.Latency.RecordValue(Math.Min(micros, receipts.Latency.HighestTrackableValue));
            }
            else
            {
                receipts.Duplicates++;
            }
        }
    }

    /// <summary>Distinct events received so far in one run.</summary>
    public int Delivered(string provider, int phase)
    {
        lock (gate)
        {
            return runs.TryGetValue((provider, phase), out var receipts) ? receipts.Sequences.Count : 0;
        }
    }

    /// <summary>A copy of one run's latencies and its count of repeated deliveries.</summary>
    public (LongHistogram Latency, int Duplicates) Snapshot(string provider, int phase)
    {
        lock (gate)
        {
            return runs.TryGetValue((provider, phase), out var receipts)
                ? ((LongHistogram)receipts.Latency.Copy(), receipts.Duplicates)
                : (Receipts.NewHistogram(), 0);
        }
    }

    private sealed class Receipts
    {
        public HashSet<long> Sequences { get; } = [];

        public LongHistogram Latency { get; } = NewHistogram();

        public int Duplicates { get; set; }

        public static LongHistogram NewHistogram() => new(TimeSpan.FromMinutes(5).Ticks / 10, 3);
    }
}
