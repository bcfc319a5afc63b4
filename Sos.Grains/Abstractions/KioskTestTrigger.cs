namespace Sos.Grains.Abstractions;

/// <summary>Why Sos asked a kiosk for a test call.</summary>
[GenerateSerializer]
public enum KioskTestTrigger
{
    /// <summary>Its schedule: every <c>Sos:Kiosks:TestCallInterval</c> (3 days) unless the kiosk has its own interval.</summary>
    Scheduled = 0,

    /// <summary>An administrator asked for one (after a repair, say).</summary>
    Requested = 1,
}
