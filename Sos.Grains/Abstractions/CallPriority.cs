namespace Sos.Grains.Abstractions;

/// <summary>How urgent a call is. Waiting calls ring in this order (highest first), then by waiting time.</summary>
[GenerateSerializer]
public enum CallPriority
{
    /// <summary>A press on a kiosk still in commissioning.</summary>
    Test = 0,

    /// <summary>A first press.</summary>
    Normal = 1,

    /// <summary>The person pressed again while waiting.</summary>
    High = 2,
}
