namespace Sos.Grains.Abstractions;

/// <summary>What is wrong with a kiosk: each one shows on the supervisor wall until it clears.</summary>
[GenerateSerializer]
public enum KioskAlertKind
{
    /// <summary>The kiosk stopped sending heartbeats.</summary>
    Offline = 0,

    /// <summary>It reports its camera faulty.</summary>
    CameraFault = 1,

    /// <summary>It reports its speaker or microphone faulty.</summary>
    AudioFault = 2,

    /// <summary>Its tamper switch is open.</summary>
    Tampered = 3,

    /// <summary>It runs on its backup battery: mains power is lost.</summary>
    OnBattery = 4,

    /// <summary>Its button is pressed hundreds of times a minute: stuck, or abused.</summary>
    StuckButton = 5,

    /// <summary>A SIP intercom did not answer when an operator called it back for a call (until it answers one again).</summary>
    StationNoAnswer = 6,

    /// <summary>A kiosk's IP camera stopped sending pictures during a call (until it sends again).</summary>
    CameraSilent = 7,
}
