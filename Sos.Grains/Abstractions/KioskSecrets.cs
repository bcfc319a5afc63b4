using System.Security.Cryptography;
using System.Text;

namespace Sos.Grains.Abstractions;

/// <summary>
/// Kiosk secrets: <c>&lt;kioskId&gt;.&lt;43 characters of base64url&gt;</c>, 32 random bytes behind the kiosk id. The
/// id in front lets a gateway tell "the secret of another kiosk" (403) from "no secret at all" (401); the random part
/// makes it unguessable, so a plain SHA-256 of it is a sound hash to store (no salt or stretching is needed for
/// 256 bits of entropy).
/// </summary>
public static class KioskSecrets
{
    /// <summary>Random bytes in a secret.</summary>
    public const int RandomBytes = 32;

    /// <summary>The longest secret a gateway needs to look at; longer ones are refused unread.</summary>
    public const int MaxLength = KioskIds.MaxLength + 1 + 64;

    /// <summary>A new secret for <paramref name="kioskId"/>.</summary>
    public static string Create(string kioskId) =>
        $"{kioskId}.{Convert.ToBase64String(RandomNumberGenerator.GetBytes(RandomBytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";

    /// <summary>What is stored instead of the secret: its SHA-256, base64.</summary>
    public static string Hash(string secret) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Whether <paramref name="secret"/> hashes to <paramref name="storedHash"/>, compared in constant time.</summary>
    public static bool Matches(string secret, string storedHash)
    {
        Span<byte> stored = stackalloc byte[SHA256.HashSizeInBytes];
        if (!Convert.TryFromBase64String(storedHash, stored, out var written) || written != SHA256.HashSizeInBytes)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), stored);
    }

    /// <summary>The kiosk a secret names in front of its random part; null when it names none.</summary>
    public static string? KioskIdOf(string secret)
    {
        var dot = secret.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && KioskIds.IsValid(secret[..dot]) ? secret[..dot] : null;
    }
}
