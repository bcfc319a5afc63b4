using System.Security.Cryptography;
using System.Text;

namespace Sos.Grains.Abstractions;

/// <summary>
/// Ids derived from a client-made id within a name (a name-based UUID, RFC 9562 version 8 over SHA-256): every attempt
/// of one request names the same thing, so a retry finds what the first attempt made even when its answer was lost.
/// </summary>
public static class NameBasedIds
{
    /// <summary>The id of <paramref name="id"/> within <paramref name="name"/>.</summary>
    public static Guid For(string name, Guid id)
    {
        var bytes = new byte[16 + Encoding.UTF8.GetByteCount(name)];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        Encoding.UTF8.GetBytes(name, bytes.AsSpan(16));
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
