namespace Sos.Grains.Abstractions;

/// <summary>How an incident was first reported.</summary>
[GenerateSerializer]
public enum IncidentSource
{
    /// <summary>A call from an SOS kiosk.</summary>
    KioskCall = 0,

    /// <summary>The "102" citizen app.</summary>
    CitizenApp = 1,

    /// <summary>A telephone call.</summary>
    Phone = 2,

    /// <summary>An officer in the field.</summary>
    Officer = 3,
}
