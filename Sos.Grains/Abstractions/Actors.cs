namespace Sos.Grains.Abstractions;

/// <summary>How a call's timeline names who did something.</summary>
public static class Actors
{
    /// <summary>Sos itself: routing, timeouts, escalation.</summary>
    public const string System = "system";

    /// <summary>Somebody not signed in (a refused sign-in).</summary>
    public const string Anonymous = "anonymous";

    /// <summary>The person at a kiosk.</summary>
    public static string Kiosk(string kioskId) => $"kiosk:{kioskId}";

    /// <summary>What every citizen actor starts with.</summary>
    public const string CitizenPrefix = "citizen:";

    /// <summary>The citizen of an SOS session.</summary>
    public static string Citizen(Guid sessionId) => $"{CitizenPrefix}{sessionId:N}";

    /// <summary>Whoever opened <paramref name="call"/>: its kiosk, or the citizen of its SOS session.</summary>
    public static string Caller(CallSnapshot call) => call.Citizen is { } citizen ? Citizen(citizen.SessionId) : Kiosk(call.KioskId);

    /// <summary>A dispatcher, supervisor or administrator signed in to the console.</summary>
    public static string Operator(string login) => $"operator:{login}";

    /// <summary>A program that acts on the cluster directly (the simulator, the benchmarks, a test).</summary>
    public static string Tool(string name) => $"tool:{name}";
}
