using Sos.Grains.Abstractions;

namespace Sos.Console.Services;

/// <summary>Reads a kiosk's status from its last heartbeat.</summary>
public static class KioskStatuses
{
    /// <summary>Three missed heartbeats at the default 5 s interval.</summary>
    public static readonly TimeSpan OfflineAfter = TimeSpan.FromSeconds(15);

    /// <summary>The kiosk's status at <paramref name="now"/>.</summary>
    public static KioskStatus Of(KioskSnapshot kiosk, DateTimeOffset now) =>
        kiosk.LastHeartbeatAt is not { } last || now - last > OfflineAfter ? KioskStatus.Offline
        : kiosk.Health?.HasFault == true ? KioskStatus.Fault
        : KioskStatus.Online;

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
