namespace Sos.Grains.Abstractions;

/// <summary>Where a kiosk is in its life. A press is accepted in every state: an emergency is an emergency.</summary>
[GenerateSerializer]
public enum KioskLifecycle
{
    /// <summary>Installed and being tested: its presses open calls flagged as test calls.</summary>
    Commissioning = 0,

    /// <summary>Accepted into service.</summary>
    InService = 1,

    /// <summary>Temporarily under maintenance.</summary>
    Maintenance = 2,

    /// <summary>Out of service (fault, vandalism, works).</summary>
    OutOfService = 3,

    /// <summary>Removed for good.</summary>
    Decommissioned = 4,
}
