using Microsoft.Extensions.Localization;
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
    public static string? Heard(IStringLocalizer<Text> text, KioskSnapshot kiosk, DateTimeOffset now) =>
        kiosk.Connectivity == KioskConnectivity.Online ? null
        : kiosk.LastHeartbeatAt is { } at ? text["Kiosk.LastHeard", Ago(text, now - at)].Value
        : text["Kiosk.NeverHeard"].Value;

    private static string Ago(IStringLocalizer<Text> text, TimeSpan age) =>
        age < TimeSpan.FromMinutes(1) ? text["Age.Seconds", Math.Max(0, (int)age.TotalSeconds)]
        : age < TimeSpan.FromHours(1) ? text["Age.Minutes", (int)age.TotalMinutes]
        : age < TimeSpan.FromDays(1) ? text["Age.HoursMinutes", (int)age.TotalHours, age.Minutes]
        : text["Age.Days", (int)age.TotalDays];

    /// <summary>What is wrong with a kiosk that reports a fault.</summary>
    public static string Faults(IStringLocalizer<Text> text, KioskHealth? health)
    {
        if (health is null)
        {
            return string.Empty;
        }

        var faults = new List<string>();
        if (!health.CameraOk)
        {
            faults.Add(text["Fault.Camera"]);
        }

        if (!health.AudioOk)
        {
            faults.Add(text["Fault.Audio"]);
        }

        if (health.Tampered)
        {
            faults.Add(text["Fault.Tamper"]);
        }

        if (health.Power == PowerSource.Battery)
        {
            faults.Add(text["Fault.Battery"]);
        }

        return string.Join(", ", faults);
    }
}
