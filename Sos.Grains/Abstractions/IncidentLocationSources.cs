namespace Sos.Grains.Abstractions;

/// <summary>Where an incident's location came from.</summary>
public static class IncidentLocationSources
{
    /// <summary>The kiosk the call came from.</summary>
    public const string Kiosk = "kiosk";

    /// <summary>The caller's phone (its emergency location).</summary>
    public const string Caller = "caller";

    /// <summary>Set or corrected by a dispatcher.</summary>
    public const string Operator = "operator";
}
