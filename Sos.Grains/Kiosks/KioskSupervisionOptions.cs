namespace Sos.Grains.Kiosks;

/// <summary>How kiosks supervise themselves, bound from <c>Sos:Kiosks</c>.</summary>
public sealed class KioskSupervisionOptions
{
    /// <summary>The heartbeat interval of a kiosk registered without one (<c>Sos:Kiosks:DefaultHeartbeatInterval</c>).</summary>
    public TimeSpan DefaultHeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Heartbeat intervals without a heartbeat after which a kiosk is Offline (<c>Sos:Kiosks:MissedHeartbeats</c>).</summary>
    public int MissedHeartbeats { get; set; } = 3;

    /// <summary>
    /// How often a kiosk's timer checks its own deadlines (<c>Sos:Kiosks:SupervisionTick</c>): an Offline kiosk is
    /// noticed at most this long after its deadline.
    /// </summary>
    public TimeSpan SupervisionTick { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Presses within <see cref="StuckButtonWindow"/> that raise a stuck-button alert (<c>Sos:Kiosks:StuckButtonPresses</c>).</summary>
    public int StuckButtonPresses { get; set; } = 100;

    /// <summary>
    /// The window over which presses are counted; a stuck-button alert clears after a window without presses
    /// (<c>Sos:Kiosks:StuckButtonWindow</c>).
    /// </summary>
    public TimeSpan StuckButtonWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often a reminder wakes an Online kiosk whose activation was lost with its silo, so its timer runs again
    /// (<c>Sos:Kiosks:SupervisionReminderPeriod</c>). Reminders fire at most once a minute unless the silo lowers that.
    /// </summary>
    public TimeSpan SupervisionReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often a kiosk in service is asked for an automatic test call, unless it is registered with its own interval
    /// (<c>Sos:Kiosks:TestCallInterval</c>): EN 81-28 asks a help point to prove it works at least every 3 days.
    /// </summary>
    public TimeSpan TestCallInterval { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How long Sos waits for a kiosk to answer a test call; no report by then fails it (<c>Sos:Kiosks:TestAnswerTimeout</c>).</summary>
    public TimeSpan TestAnswerTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>When a press interrupted a test call, how soon it is asked again (<c>Sos:Kiosks:TestRetryAfterPress</c>).</summary>
    public TimeSpan TestRetryAfterPress { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The least audio level (0–1) that must come back through the media server for a test call's loopback to pass
    /// (<c>Sos:Kiosks:TestMinAudioLevel</c>).
    /// </summary>
    public double TestMinAudioLevel { get; set; } = 0.01;

    /// <summary>
    /// How long a kiosk in service may stay offline or in a fault before Sos opens a maintenance ticket for it
    /// (<c>Sos:Kiosks:TicketAfter</c>); a failed test call opens one at once.
    /// </summary>
    public TimeSpan TicketAfter { get; set; } = TimeSpan.FromMinutes(15);
}
