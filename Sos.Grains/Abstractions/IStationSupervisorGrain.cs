using Orleans.Concurrency;

namespace Sos.Grains.Abstractions;

/// <summary>
/// The supervision of SIP intercoms (one, key 0): the stations it knows (kiosk → SIP address, told by each kiosk as it
/// is registered), kept supervised by the SIP server's OPTIONS (or, for one that registers, by its registration), and
/// every station that answers (or is registered) reported to its kiosk as a heartbeat, so a station that stops
/// answering goes Offline by the kiosks' own rule. It also tells which station sent a press or a REGISTER.
/// </summary>
public interface IStationSupervisorGrain : IGrainWithIntegerKey
{
    /// <summary>The kiosk is the SIP intercom <paramref name="station"/>, or (null) no longer one.</summary>
    [OneWay]
    Task WatchAsync(string kioskId, SipStation? station);

    /// <summary>The stations supervised now, kiosk → SIP address.</summary>
    Task<IReadOnlyDictionary<string, string>> StationsAsync();

    /// <summary>
    /// The kiosks whose station sent a request From <paramref name="from"/> out of
    /// <paramref name="source"/>:<paramref name="sourcePort"/> (see <c>StationPresses.StationsOf</c>): none when no SIP
    /// intercom is that station, more than one when Sos cannot tell which.
    /// </summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<string>> StationsOfAsync(string from, string source, int? sourcePort);

    /// <summary>The kiosks whose registering station has the address of record <paramref name="aor"/> (a REGISTER's To).</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<string>> RegistrantsOfAsync(string aor);

    /// <summary>Where the kiosk's registering station is registered now (its Contact), or null when it is not (or does not register).</summary>
    [AlwaysInterleave]
    Task<string?> ContactOfAsync(string kioskId);
}
