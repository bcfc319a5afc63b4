using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Sos.Grains.Abstractions;

namespace Sos.Grains.Telemetry;

/// <summary>
/// Sos's own meter (<see cref="MeterName"/>): what an operations centre watches, tagged by centre. Calls are measured
/// from their state changes (one place: the call's write), queues from each centre's routing, kiosks from their own
/// supervision. Exported with Orleans' meters by the hosts (Prometheus at <c>/metrics</c>, OTLP when configured).
/// </summary>
public static class SosMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Sos";

    private static readonly Meter Meter = new(MeterName, "1.0");
    private static readonly Counter<long> Calls = Meter.CreateCounter<long>("sos.calls.opened", "{call}", "SOS calls opened by a press");
    private static readonly Counter<long> Presses = Meter.CreateCounter<long>("sos.presses.joined", "{press}", "presses that joined a call already open (the person pressed again)");
    private static readonly Counter<long> Answered = Meter.CreateCounter<long>("sos.calls.answered", "{call}", "calls answered by an operator");
    private static readonly Histogram<double> AnswerTime = Meter.CreateHistogram<double>("sos.calls.answer_time", "s", "from the press to the answer",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2, 5, 10, 15, 20, 30, 60, 120, 300] });
    private static readonly Counter<long> Abandoned = Meter.CreateCounter<long>("sos.calls.abandoned", "{call}", "calls whose caller hung up before an answer");
    private static readonly Counter<long> Missed = Meter.CreateCounter<long>("sos.offers.missed", "{offer}", "offers an operator let ring out");
    private static readonly Counter<long> Escalated = Meter.CreateCounter<long>("sos.calls.escalated", "{call}", "calls that waited past the service level");
    private static readonly Counter<long> KiosksOffline = Meter.CreateCounter<long>("sos.kiosks.went_offline", "{kiosk}", "kiosks that fell silent");

    private static readonly ConcurrentDictionary<string, (int Waiting, int Free)> Queues = new(StringComparer.Ordinal);

    static SosMetrics()
    {
        Meter.CreateObservableGauge("sos.calls.waiting", () => Queues.Select(q => new Measurement<int>(q.Value.Waiting, Centre(q.Key))), "{call}", "calls waiting in each centre's queue (as its routing on this silo holds it)");
        Meter.CreateObservableGauge("sos.operators.free", () => Queues.Select(q => new Measurement<int>(q.Value.Free, Centre(q.Key))), "{operator}", "operators free to take a call in each centre");
    }

    /// <summary>A call's state changed from <paramref name="previous"/> to <paramref name="next"/>.</summary>
    public static void CallChanged(CallSnapshot previous, CallSnapshot next)
    {
        var centre = Centre(next.CentreId);
        if (!previous.Exists && next.Exists)
        {
            Calls.Add(1, centre);
        }

        if (previous.Exists && next.PressCount > previous.PressCount)
        {
            Presses.Add(next.PressCount - previous.PressCount, centre);
        }

        if (previous.ConnectedAt is null && next.ConnectedAt is { } at)
        {
            Answered.Add(1, centre);
            AnswerTime.Record((at - next.OpenedAt).TotalSeconds, centre);
        }

        if (previous.Status != CallStatus.Abandoned && next.Status == CallStatus.Abandoned)
        {
            Abandoned.Add(1, centre);
        }

        if (!previous.Escalated && next.Escalated)
        {
            Escalated.Add(1, centre);
        }

        var before = previous.Timeline.IsDefault ? 0 : previous.Timeline.Length;
        var added = next.Timeline.IsDefault ? 0 : next.Timeline.Skip(before).Count(e => e.Kind == CallEventKind.Missed);
        if (added > 0)
        {
            Missed.Add(added, centre);
        }
    }

    /// <summary>A centre's routing on this silo holds <paramref name="waiting"/> calls and <paramref name="free"/> free operators.</summary>
    public static void QueueHeld(string centreId, int waiting, int free) => Queues[centreId] = (waiting, free);

    /// <summary>A centre's routing on this silo stopped (its queue is measured where it runs next).</summary>
    public static void QueueLeft(string centreId) => Queues.TryRemove(centreId, out _);

    /// <summary>A kiosk fell silent.</summary>
    public static void KioskWentOffline(string centreId) => KiosksOffline.Add(1, Centre(centreId));

    private static KeyValuePair<string, object?> Centre(string centreId) => new("centre", centreId);
}
