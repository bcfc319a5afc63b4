namespace Sos.Grains.Abstractions;

/// <summary>What a kiosk says about a secret presented in its name.</summary>
[GenerateSerializer]
public enum KioskSecretCheck
{
    /// <summary>It is the kiosk's current secret.</summary>
    Valid = 0,

    /// <summary>It is not.</summary>
    Invalid = 1,

    /// <summary>No secret has been issued to the kiosk yet, so nothing matches.</summary>
    NoneIssued = 2,
}
