using Sos.Grains.Abstractions;

namespace Sos.Console.Services;

/// <summary>
/// Reads a kiosk's status as its grain has it. The kiosk supervises itself (its interval, its missed heartbeats) and
/// publishes every change of its connectivity; a heartbeat that changes nothing is rightly not republished, so the
/// console never judges silence from the snapshot's heartbeat time by itself.
/// </summary>
public static class KioskStatuses
{
    /// <summary>The kiosk's status: Offline unless its grain says it is Online; Online with a fault reads Fault.</summary>
    public static KioskStatus Of(KioskSnapshot kiosk) =>
        kiosk.Connectivity != KioskConnectivity.Online ? KioskStatus.Offline
        : kiosk.Health?.HasFault == true ? KioskStatus.Fault
        : KioskStatus.Online;

    /// <summary>
    /// When a kiosk that is not Online was last heard from ("last heard 4 min ago", "never heard"), or null while it
    /// is Online (an Online kiosk's snapshot is not republished per heartbeat, so its age would mislead).
    /// </summary>
    public static string? Heard(KioskSnapshot kiosk, DateTimeOffset now) =>
        kiosk.Connectivity == KioskConnectivity.Online ? null
        : kiosk.LastHeartbeatAt is { } at ? $"last heard {Ago(now - at)} ago"
        : "never heard";

    private static string Ago(TimeSpan age) =>
        age < TimeSpan.FromMinutes(1) ? $"{Math.Max(0, (int)age.TotalSeconds)} s"
        : age < TimeSpan.FromHours(1) ? $"{(int)age.TotalMinutes} min"
        : age < TimeSpan.FromDays(1) ? $"{(int)age.TotalHours} h {age.Minutes} min"
        : $"{(int)age.TotalDays} d";

    /// <summary>What is wrong with a kiosk that reports a fault.</summary>
    public static string Faults(KioskHealth? health)
    {
        if (health is null)
        {
            return string.Empty;
        }

        var faults = new List<string>();
        if (!health.CameraOk)
        {
            faults.Add("camera");
        }

        if (!health.AudioOk)
        {
            faults.Add("audio");
        }

        if (health.Tampered)
        {
            faults.Add("tamper");
        }

        if (health.Power == PowerSource.Battery)
        {
            faults.Add("on battery");
        }

        return string.Join(", ", faults);
    }
}
