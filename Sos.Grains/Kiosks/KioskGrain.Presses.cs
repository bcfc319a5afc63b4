using Microsoft.Extensions.Logging;
using Sos.Grains.Abstractions;

namespace Sos.Grains.Kiosks;

/// <summary>What the kiosk keeps of its presses: the ids it remembers for retries, and their rate for the stuck button.</summary>
public sealed partial class KioskGrain
{
    /// <summary>Counts a new press towards the stuck-button rate; raises the alert when the rate crosses the limit.</summary>
    private KioskSnapshot CountPress(KioskSnapshot kiosk, DateTimeOffset now)
    {
        lastPressAt = now;
        recentPresses.Enqueue(now);
        while (recentPresses.Count > 0 && now - recentPresses.Peek() > Supervision.StuckButtonWindow)
        {
            recentPresses.Dequeue();
        }

        if (recentPresses.Count < Supervision.StuckButtonPresses || kiosk.HasAlert(KioskAlertKind.StuckButton))
        {
            return kiosk;
        }

        logger.LogWarning("Kiosk {KioskId} button looks stuck: {Presses} presses within {Window}", KioskId, recentPresses.Count, Supervision.StuckButtonWindow);
        return Raise(kiosk, KioskAlertKind.StuckButton, now, $"{recentPresses.Count} presses within {Supervision.StuckButtonWindow.TotalSeconds:0} s");
    }

    private KioskState Remember(Guid pressId, PressRecord record)
    {
        var presses = Current.Presses;
        var cutoff = record.ReceivedAt - PressRetention;
        var expired = presses.Where(p => p.Value.ReceivedAt < cutoff).Select(p => p.Key).ToList();
        presses = presses.RemoveRange(expired);
        if (presses.Count >= MaxRememberedPresses)
        {
            presses = presses.RemoveRange(presses.OrderBy(p => p.Value.ReceivedAt).Take(presses.Count - MaxRememberedPresses + 1).Select(p => p.Key).ToList());
        }

        return Current with { Presses = presses.SetItem(pressId, record) };
    }

    private async Task<PressReceipt> ReplayAsync(KioskSnapshot kiosk, PressRequest press, PressRecord known)
    {
        var call = GrainFactory.GetCall(known.CallId);
        if (known.Joined)
        {
            return new PressReceipt(known.CallId, (await call.GetAsync()).Status, true);
        }

        // The first attempt may have stopped between remembering the press and opening the call: opening is
        // idempotent, and resending a queued call to routing changes nothing if routing already holds it.
        var opened = await call.OpenAsync(OpeningFor(kiosk, press));
        if (opened.Status == CallStatus.Queued)
        {
            await SubmitAsync(opened);
        }

        logger.LogInformation("Press {PressId} on kiosk {KioskId} retried; same call {CallId}", press.PressId, KioskId, known.CallId);
        return new PressReceipt(known.CallId, opened.Status, false);
    }
}
