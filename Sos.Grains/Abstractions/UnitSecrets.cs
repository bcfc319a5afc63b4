namespace Sos.Grains.Abstractions;

/// <summary>
/// Secrets of vehicle trackers (AVL): <c>&lt;unitId&gt;.&lt;43 characters of base64url&gt;</c>, made and checked like
/// a kiosk's (<see cref="KioskSecrets"/>): the id in front tells "another unit's secret" from "no secret".
/// </summary>
public static class UnitSecrets
{
    /// <summary>A new secret for <paramref name="unitId"/>.</summary>
    public static string Create(string unitId) => unitId + KioskSecrets.Create("u")[1..];

    /// <summary>The unit a secret names in front of its random part; null when it names none.</summary>
    public static string? UnitIdOf(string secret)
    {
        var dot = secret.LastIndexOf('.');
        return dot > 0 && UnitIds.IsValid(secret[..dot]) ? secret[..dot] : null;
    }
}
