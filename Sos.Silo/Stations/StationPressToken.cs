using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Sos.Grains.Stations;

namespace Sos.Silo.Stations;

/// <summary>
/// The secret a SIP server shows when it hands this host a station's press: <c>Sos:Stations:PressToken</c>, or, when
/// that is empty and the host runs its own kamailio, one made for this run (written into that kamailio's configuration
/// only). Null: presses over SIP are not taken here.
/// </summary>
public sealed class StationPressToken
{
    /// <summary>The configured secret, or one made now when <paramref name="ownServer"/> and none is configured.</summary>
    public StationPressToken(IOptions<StationOptions> options, bool ownServer)
    {
        Value = options.Value.PressToken is { Length: > 0 } configured
            ? configured
            : ownServer ? Convert.ToHexString(RandomNumberGenerator.GetBytes(32)) : null;
    }

    /// <summary>The secret, or null when none is set.</summary>
    public string? Value { get; }

    /// <summary>Whether <paramref name="presented"/> is the secret (compared in constant time).</summary>
    public bool Accepts(string? presented) =>
        Value is { } expected && presented is not null &&
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(presented)), SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(expected)));
}
