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
    /// Where the keys that protect sign-in cookies are kept (<c>Sos:Console:DataProtectionKeys</c>): default the
    /// Embedded data directory's <c>keys</c>; in Cluster mode a directory every console behind one address shares, or
    /// none (keys in memory: a restart signs everybody out).
    /// </summary>
    public string? DataProtectionKeys { get; set; }

    /// <summary>
    /// The centre's answering targets (<c>Sos:Console:ServiceLevelThresholds</c>, default 10, 15 and 20 seconds). A call
    /// waiting with no operator of the centre Available (or ringing) raises the "no operator available" alarm on every
    /// dispatcher's and supervisor's screen at once, and it escalates as the longest wait passes each threshold; a
    /// ringing call's tone, colour and words escalate the same way with its own wait.
    /// </summary>
    public TimeSpan[] ServiceLevelThresholds { get; set; } = [];

    /// <summary>The thresholds in force: the configured ones, or 10, 15 and 20 seconds.</summary>
    public IReadOnlyList<TimeSpan> Thresholds => ServiceLevelThresholds.Length > 0
        ? [.. ServiceLevelThresholds.Order()]
        : [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(20)];

    /// <summary>How urgent a wait is: 1 within the first threshold, one more for each threshold it has passed.</summary>
    public int LevelOf(TimeSpan waited) => 1 + Thresholds.Count(t => waited >= t);

    /// <summary>
    /// How long the operator on a call is warned, with the supervisor's name and reason, before a supervisor's
    /// take-over happens (<c>Sos:Console:TakeOverNotice</c>); the supervisor may take over at once or withdraw meanwhile.
    /// </summary>
    public TimeSpan TakeOverNotice { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Sign-in attempts a minute from one address before further ones are refused unseen
    /// (<c>Sos:Console:SignInAttemptsPerMinute</c>).
    /// </summary>
    public int SignInAttemptsPerMinute { get; set; } = 20;

    /// <summary>
    /// How often an open console checks that its user's account is still enabled, with the same roles and centre
    /// (<c>Sos:Console:RevalidationInterval</c>); a user who no longer holds is taken to the sign-in page.
    /// </summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long one sign-in lasts at most, however active (<c>Sos:Console:SessionLifetime</c>, one shift); then the
    /// console asks to sign in again.
    /// </summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How many days the history may span in one query (<c>Sos:Console:HistoryMaxDays</c>).</summary>
    public int HistoryMaxDays { get; set; } = 92;

    /// <summary>
    /// The language of a console whose user has not chosen one and whose browser asks for none Sos speaks
    /// (<c>Sos:Console:DefaultCulture</c>: <c>ru</c>, <c>kk</c> or <c>en</c>; default <c>ru</c>).
    /// </summary>
    public string DefaultCulture { get; set; } = "ru";
}
