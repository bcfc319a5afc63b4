namespace Sos.Grains.Abstractions;

/// <summary>What a kiosk runs on.</summary>
[GenerateSerializer]
public enum PowerSource
{
    /// <summary>Mains power.</summary>
    Mains = 0,

    /// <summary>Its backup battery: mains is lost.</summary>
    Battery = 1,
}
