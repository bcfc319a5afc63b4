using System.Net;
using Sos.Grains.Abstractions;

namespace Sos.Grains.Stations;

/// <summary>
/// A SIP intercom's own press: an out-of-dialog SIP <c>MESSAGE</c> (or <c>INFO</c>) the station sends Sos's SIP server,
/// which hands it to the silo. Which kiosk sent it, whether its body is the station's press code, and its press id —
/// the request's <c>X-Sos-Press-Id</c> when it carries one (a gateway that also reports the press over the device API
/// sends the same id there, and the two give one call), otherwise one made from the request's Call-ID and CSeq, so a
/// request the station sends again (SIP retransmits over UDP until answered) is the same press.
/// </summary>
public static class StationPresses
{
    /// <summary>The longest body a press is read from (a press code is at most 32 characters).</summary>
    public const int MaxBody = 256;

    /// <summary>The press id of a request without <c>X-Sos-Press-Id</c>: the same for the same kiosk, Call-ID and CSeq.</summary>
    public static Guid PressIdFor(string kioskId, string callId, string cseq) =>
        NameBasedIds.For($"sip-press\n{kioskId}\n{callId}\n{cseq}", Guid.Empty);

    /// <summary>
    /// Whether <paramref name="body"/> is a press of <paramref name="station"/>: any body when it has no press code,
    /// otherwise the code itself (surrounding white space aside, letters in any case).
    /// </summary>
    public static bool IsPress(SipStation station, string body) =>
        station.PressCode is not { } code || string.Equals(body.Trim(), code, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether a request from <paramref name="from"/> (its From URI) that came from <paramref name="source"/> (the
    /// address its packets came from) is from <paramref name="station"/>: the same user and host as its SIP address,
    /// and sent from where it is — its address when that host is an address, for one that registers the address it
    /// registered from (a From header is easily written; the source address on the station's network is not). A
    /// registering station not registered now (its registration lapsed, or the SIP server restarted and forgot it) is
    /// known by its From alone: its press is never refused for that.
    /// </summary>
    public static bool IsFrom(StationSender station, string from, string source)
    {
        if (Parts(station.Uri) is not var (user, host) || Parts(from) is not var (fromUser, fromHost))
        {
            return false;
        }

        if (!string.Equals(user, fromUser, StringComparison.Ordinal) || !string.Equals(host, fromHost, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var at = station.Registers ? station.Contact is { } contact ? HostOf(contact) : null : host;
        return at is null || !IPAddress.TryParse(at, out var address) || (IPAddress.TryParse(source, out var sent) && address.Equals(sent));
    }

    /// <summary>
    /// Whether <paramref name="aor"/> (a REGISTER's To URI) is the address of record of <paramref name="stationUri"/>:
    /// the same user and host (a port aside).
    /// </summary>
    public static bool IsAor(string stationUri, string aor) =>
        Parts(stationUri) is var (user, host) && Parts(aor) is var (aorUser, aorHost)
        && string.Equals(user, aorUser, StringComparison.Ordinal) && string.Equals(host, aorHost, StringComparison.OrdinalIgnoreCase);

    /// <summary>The key the SIP server's location table keeps a station's registration under: <c>user@host</c>.</summary>
    public static string? LocationKey(string stationUri) => Parts(stationUri) is var (user, host) ? $"{user}@{host}" : null;

    /// <summary>
    /// The stations (kiosk → what it is) that sent a request From <paramref name="from"/> out of
    /// <paramref name="source"/>:<paramref name="sourcePort"/>: those <see cref="IsFrom"/> takes, and of several (stations
    /// behind one address with one user name) the one whose SIP port the request came from. More than one left is a
    /// request Sos cannot place: it must not ring at the wrong help point.
    /// </summary>
    public static IReadOnlyList<string> StationsOf(IEnumerable<KeyValuePair<string, StationSender>> stations, string from, string source, int? sourcePort)
    {
        var senders = stations.Where(s => IsFrom(s.Value, from, source)).ToList();
        if (senders.Count > 1 && sourcePort is { } port)
        {
            var onPort = senders.Where(s => PortOf(s.Value.Contact ?? s.Value.Uri) == port).ToList();
            senders = onPort.Count > 0 ? onPort : senders;
        }

        return [.. senders.Select(s => s.Key).Order(StringComparer.Ordinal)];
    }

    /// <summary>The port of a SIP URI: the one it names, otherwise SIP's own (5060, or 5061 for <c>sips:</c>).</summary>
    private static int? PortOf(string uri)
    {
        var rest = uri.Trim().TrimStart('<').TrimEnd('>');
        var hostPart = rest[(rest.LastIndexOf('@') + 1)..];
        var end = hostPart.IndexOfAny([';', '>', '?']);
        hostPart = end < 0 ? hostPart : hostPart[..end];
        var colon = hostPart.LastIndexOf(':');
        if (colon < 0 || hostPart.EndsWith(']'))
        {
            return rest.StartsWith("sips:", StringComparison.OrdinalIgnoreCase) ? 5061 : 5060;
        }

        return int.TryParse(hostPart[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) ? port : null;
    }

    /// <summary>The host of <c>sip[s]:[user@]host[:port][;params]</c> (an IPv6 address without its brackets), or null.</summary>
    private static string? HostOf(string uri)
    {
        var rest = uri.Trim().TrimStart('<').TrimEnd('>');
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }

        rest = rest[(colon + 1)..];
        rest = rest[(rest.LastIndexOf('@') + 1)..];
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            return close < 0 ? null : rest[1..close];
        }

        var end = rest.IndexOfAny([':', ';', '>', '?']);
        return end < 0 ? rest : rest[..end];
    }

    /// <summary>The user and host of <c>sip[s]:user@host[:port][;params]</c>, or null.</summary>
    private static (string User, string Host)? Parts(string uri)
    {
        var rest = uri.Trim().TrimStart('<').TrimEnd('>');
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || rest[..colon] is not ("sip" or "sips"))
        {
            return null;
        }

        rest = rest[(colon + 1)..];
        var at = rest.LastIndexOf('@');
        if (at <= 0)
        {
            return null;
        }

        var host = rest[(at + 1)..];
        var end = host.IndexOfAny([':', ';', '>', '?']);
        host = end < 0 ? host : host[..end];
        return host.Length == 0 ? null : (Uri.UnescapeDataString(rest[..at]), host);
    }
}

/// <summary>A station as a request is matched against: its SIP address, whether it registers, and where it registered from.</summary>
/// <param name="Uri">Its SIP address (for one that registers, its address of record).</param>
/// <param name="Registers">Whether it registers with the SIP server.</param>
/// <param name="Contact">Where it registered from (its Contact), while it is registered.</param>
public sealed record StationSender(string Uri, bool Registers = false, string? Contact = null);
