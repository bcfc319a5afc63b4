namespace Sos.Grains.Abstractions;

/// <summary>Whether a kiosk is reporting in, as its own supervision sees it.</summary>
[GenerateSerializer]
public enum KioskConnectivity
{
    /// <summary>The kiosk has never sent a heartbeat.</summary>
    Unknown = 0,

    /// <summary>Its heartbeats arrive.</summary>
    Online = 1,

    /// <summary>It missed its heartbeats for longer than its heartbeat interval × the missed-heartbeat limit.</summary>
    Offline = 2,
}
