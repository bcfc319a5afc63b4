using Sos.Grains.Abstractions;

namespace Sos.Console.Services;

/// <summary>Today's figures on the supervisor wall.</summary>
/// <param name="Calls">Calls today: answered, abandoned and still waiting.</param>
/// <param name="Answered">Calls answered.</param>
/// <param name="Abandoned">Calls abandoned before an answer.</param>
/// <param name="Within10">Share of answered-or-abandoned calls answered within 10 s (0–1); null with no such call.</param>
/// <param name="Within15">The same within 15 s.</param>
/// <param name="Within20">The same within 20 s.</param>
/// <param name="AbandonRate">Abandoned ÷ (answered + abandoned); null with no such call.</param>
/// <param name="LongestWait">The longest wait for an answer: answered, abandoned or still waiting.</param>
public sealed record DayFigures(int Calls, int Answered, int Abandoned, double? Within10, double? Within15, double? Within20, double? AbandonRate, TimeSpan LongestWait)
{
    /// <summary>The figures of a day's log plus the calls still waiting now.</summary>
    public static DayFigures Compute(IEnumerable<CallLogEntry> log, IEnumerable<CallSnapshot> waiting, DateTimeOffset now)
    {
        var entries = log.ToList();
        var answered = entries.Where(e => e.ConnectedAt is not null).ToList();
        var abandoned = entries.Where(e => e.ConnectedAt is null && e.Status == CallStatus.Abandoned).ToList();
        var stillWaiting = waiting.Where(c => c.IsWaiting && entries.All(e => e.CallId != c.CallId)).ToList();
        var offered = answered.Count + abandoned.Count;

        double? Share(TimeSpan target) => offered == 0 ? null : (double)answered.Count(e => e.AnswerTime < target) / offered;

        var waits = answered.Select(e => e.AnswerTime!.Value)
            .Concat(abandoned.Select(e => (e.EndedAt ?? now) - e.OpenedAt))
            .Concat(stillWaiting.Select(c => now - c.OpenedAt));
        return new DayFigures(
            entries.Count + stillWaiting.Count,
            answered.Count,
            abandoned.Count,
            Share(ServiceLevels.Thresholds[0]),
            Share(ServiceLevels.Thresholds[1]),
            Share(ServiceLevels.Thresholds[2]),
            offered == 0 ? null : (double)abandoned.Count / offered,
            waits.DefaultIfEmpty(TimeSpan.Zero).Max());
    }
}
