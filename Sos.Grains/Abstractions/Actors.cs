namespace Sos.Grains.Abstractions;

/// <summary>How a call's timeline names who did something.</summary>
public static class Actors
{
    /// <summary>Sos itself: routing, timeouts, escalation.</summary>
    public const string System = "system";

    /// <summary>The person at a kiosk.</summary>
    public static string Kiosk(string kioskId) => $"kiosk:{kioskId}";

    /// <summary>A dispatcher or supervisor.</summary>
    public static string Operator(string login) => $"operator:{login}";
}
