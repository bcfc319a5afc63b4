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

    /// <summary>How many days the history may span in one query (<c>Sos:Console:HistoryMaxDays</c>).</summary>
    public int HistoryMaxDays { get; set; } = 92;
}
