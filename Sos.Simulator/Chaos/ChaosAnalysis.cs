using Sos.Grains.Abstractions;

namespace Sos.Simulator.Chaos;

/// <summary>
/// Judges a chaos run from what the kiosks were told (acknowledgements) and what the call grains recorded (timelines):
/// lost presses, duplicated calls, and the failover time of each kill.
/// </summary>
public static class ChaosAnalysis
{
    /// <summary>
    /// Acknowledged presses whose call never reached an operator: not answered, and not hung up on by the simulated
    /// person either.
    /// </summary>
    public static IReadOnlyList<PressAcknowledgement> Lost(IEnumerable<PressAcknowledgement> acknowledgements, IReadOnlyDictionary<Guid, CallSnapshot> calls, IReadOnlySet<Guid> cancelled) =>
        [.. acknowledgements.Where(a => !calls.TryGetValue(a.CallId, out var call) || (call.ConnectedAt is null && !(cancelled.Contains(a.CallId) && call.Status == CallStatus.Abandoned)))];

    /// <summary>
    /// Calls no press asked for: press ids acknowledged with two different calls, plus calls the kiosks opened beyond
    /// those the presses were acknowledged with (less the presses never acknowledged, which may have opened one).
    /// </summary>
    public static long Duplicates(long pressIdsWithTwoCalls, long callsOpenedByKiosks, long callsAcknowledged, long pressesNeverAcknowledged) =>
        pressIdsWithTwoCalls + Math.Max(0, callsOpenedByKiosks - callsAcknowledged - pressesNeverAcknowledged);

    /// <summary>
    /// What <paramref name="kill"/> did: the calls it affected (waiting, i.e. queued or ringing, at the kill, or
    /// acknowledged before the silo was declared dead) and, for each, the time from the kill until it was ringing an
    /// operator again or answered: the first of its first offer or answer after the kill (its timeline), and the first
    /// answer of a live routing after the kill that held it as ringing an operator (<paramref name="ringingSeen"/>: a call
    /// that rang on through the kill counts from when its routing answered again). The kill's failover time is that of
    /// the slowest affected call.
    /// </summary>
    public static (KillResult Result, IReadOnlyList<double> CallSeconds) Failover(
        SiloKill kill,
        IEnumerable<PressAcknowledgement> acknowledgements,
        IReadOnlyDictionary<Guid, CallSnapshot> calls,
        Func<Guid, DateTimeOffset, DateTimeOffset?> ringingSeen)
    {
        var at = kill.KilledAt;
        var inOutage = acknowledgements.Where(a => a.AcknowledgedAt >= at && a.AcknowledgedAt <= kill.DeclaredDeadAt).ToList();
        var acknowledgedInOutage = inOutage.Select(a => a.CallId).ToHashSet();

        // A press acknowledged in the outage that joined a call answered before the kill affected nothing.
        var affected = calls.Values
            .Where(c => WaitingAt(c, at) || (acknowledgedInOutage.Contains(c.CallId) && !AnsweredBy(c, at)))
            .ToList();
        var seconds = new List<double>();
        double? slowest = 0;
        Guid? slowestCall = null;
        foreach (var call in affected)
        {
            var offered = call.Timeline.FirstOrDefault(e => e.At >= at && e.Kind is CallEventKind.Ringing or CallEventKind.Connected)?.At;
            var seen = ringingSeen(call.CallId, at);
            var resumed = offered is { } o && seen is { } s ? (o < s ? o : s) : offered ?? seen;
            if (resumed is null)
            {
                if (call.Status == CallStatus.Abandoned)
                {
                    continue;
                }

                slowest = null;
                slowestCall = call.CallId;
                continue;
            }

            var took = (resumed.Value - at).TotalSeconds;
            seconds.Add(took);
            if (slowest is { } worst && took >= worst)
            {
                slowest = took;
                slowestCall = call.CallId;
            }
        }

        var result = new KillResult(
            kill.Number,
            kill.Scenario,
            kill.Silo,
            Math.Round((kill.DeclaredDeadAt - at).TotalSeconds, 2),
            Math.Round((kill.RestartedAt - at).TotalSeconds, 2),
            affected.Count,
            slowest is { } failover ? Math.Round(failover, 2) : null,
            slowestCall,
            slowestCall is { } id ? Describe(calls[id], at) : null,
            inOutage.Count);
        return (result, seconds);
    }

    /// <summary>The call's timeline in seconds from <paramref name="at"/>: "Queued -0.20, Ringing -0.18 (sim-bot-3), Connected +4.02 (…)".</summary>
    public static string Describe(CallSnapshot call, DateTimeOffset at) =>
        string.Join(", ", call.Timeline
            .Where(e => e.Kind is not (CallEventKind.NotesUpdated or CallEventKind.IncidentRecorded))
            .Select(e => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{e.Kind} {Math.Round((e.At - at).TotalSeconds, 2):+0.00;-0.00;+0.00}{(e.Detail is { } detail ? $" ({detail})" : string.Empty)}")));

    /// <summary>Whether the call was waiting for an answer (queued or ringing) at <paramref name="at"/>, by its timeline.</summary>
    public static bool WaitingAt(CallSnapshot call, DateTimeOffset at) =>
        call.Exists && call.OpenedAt <= at && !AnsweredBy(call, at);

    private static bool AnsweredBy(CallSnapshot call, DateTimeOffset at) =>
        call.Timeline.Any(e => e.At <= at && e.Kind is CallEventKind.Connected or CallEventKind.Abandoned);

    /// <summary>How long before a kill and after its silo was declared dead a call opened counts as opened "at a kill".</summary>
    public static readonly (TimeSpan Before, TimeSpan After) KillWindow = (TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

    /// <summary>
    /// The calls no kill touched: not waiting at any kill, and not opened between a second before a kill and two seconds
    /// after its silo was declared dead.
    /// </summary>
    public static IEnumerable<CallSnapshot> OutsideKills(IEnumerable<CallSnapshot> calls, IReadOnlyList<SiloKill> kills) =>
        calls.Where(c => !kills.Any(k => WaitingAt(c, k.KilledAt)
            || (c.OpenedAt >= k.KilledAt - KillWindow.Before && c.OpenedAt <= k.DeclaredDeadAt + KillWindow.After)));

    /// <summary>For every call: opened → first ringing, by its timeline.</summary>
    public static LatencySummary OpenToRing(IEnumerable<CallSnapshot> calls)
    {
        var histogram = new HdrHistogram.LongHistogram(TimeSpan.FromMinutes(10).Ticks / 10, 3);
        foreach (var call in calls)
        {
            if (call.Timeline.FirstOrDefault(e => e.Kind == CallEventKind.Ringing) is { } ringing)
            {
                histogram.RecordValue(Math.Max(1, (long)(ringing.At - call.OpenedAt).TotalMicroseconds));
            }
        }

        return LatencySummary.Of(histogram);
    }

    /// <summary>The nearest-rank percentile of <paramref name="values"/> (0 when there are none).</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double percentile)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);
        return Math.Round(sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)], 2);
    }
}
