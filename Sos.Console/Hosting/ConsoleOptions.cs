namespace Sos.Console.Hosting;

/// <summary>Console settings, bound from <c>Sos:Console</c>.</summary>
public sealed class ConsoleOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Sos:Console";

    /// <summary>
    /// How often an open dispatcher console reports in to routing (<c>Sos:Console:HeartbeatInterval</c>); routing
    /// signs out an operator whose console is silent for <c>Sos:Routing:ConsoleTimeout</c>.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// When a call waits with no operator of the centre Available (or ringing), every dispatcher's and supervisor's
    /// screen raises the "no operator available" alarm at once, and escalates it as the longest wait passes each of
    /// these (<c>Sos:Console:NobodyAvailableThresholds</c>, default 10, 15 and 20 seconds).
    /// </summary>
    public TimeSpan[] NobodyAvailableThresholds { get; set; } = [];

    /// <summary>The thresholds in force: the configured ones, or 10, 15 and 20 seconds.</summary>
    public IReadOnlyList<TimeSpan> AlarmThresholds => NobodyAvailableThresholds.Length > 0
        ? [.. NobodyAvailableThresholds.Order()]
        : [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(20)];

    /// <summary>How many days the history may span in one query (<c>Sos:Console:HistoryMaxDays</c>).</summary>
    public int HistoryMaxDays { get; set; } = 92;
}
