using System.Security.Cryptography;
using System.Text;

namespace Sos.Grains.Kiosks;

/// <summary>
/// The id of the call a press opens, derived from the kiosk and press ids (a name-based UUID, RFC 9562 version 8 over
/// SHA-256), so that every attempt of one press names the same call even when the kiosk's own record of it was lost.
/// </summary>
public static class PressCallIds
{
    /// <summary>The call id of the press <paramref name="pressId"/> on <paramref name="kioskId"/>.</summary>
    public static Guid For(string kioskId, Guid pressId)
    {
        Span<byte> name = stackalloc byte[16 + Encoding.UTF8.GetMaxByteCount(kioskId.Length)];
        pressId.TryWriteBytes(name, bigEndian: true, out _);
        var length = 16 + Encoding.UTF8.GetBytes(kioskId, name[16..]);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(name[..length], hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
