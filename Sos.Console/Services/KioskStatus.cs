namespace Sos.Console.Services;

/// <summary>How the wall shows a kiosk: online, offline (silent too long, or never heard), or with a fault.</summary>
public enum KioskStatus
{
    /// <summary>Reported in recently, nothing wrong.</summary>
    Online = 0,

    /// <summary>The kiosk's own supervision found it silent too long, or it never reported in.</summary>
    Offline = 1,

    /// <summary>Reported a fault: camera, audio, tamper or battery power.</summary>
    Fault = 2,
}
