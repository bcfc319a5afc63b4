namespace Sos.Grains.Abstractions;

/// <summary>What an administrator registers about a kiosk.</summary>
/// <param name="Name">Display name, such as "Central Embankment".</param>
/// <param name="Address">Street address shown to the operator.</param>
/// <param name="Latitude">WGS 84 latitude in degrees.</param>
/// <param name="Longitude">WGS 84 longitude in degrees.</param>
/// <param name="District">City district.</param>
/// <param name="CentreId">The operations centre whose operators answer this kiosk.</param>
/// <param name="HeartbeatInterval">
/// How often the kiosk reports in; null for the default (<c>Sos:Kiosks:DefaultHeartbeatInterval</c>, 5 s). It goes
/// Offline after missing heartbeats for this × <c>Sos:Kiosks:MissedHeartbeats</c> (3).
/// </param>
/// <param name="Language">
/// The language the kiosk's screen starts in (one of <see cref="Languages.All"/>; null: Russian); a citizen can switch it.
/// </param>
/// <param name="TestCallInterval">
/// How often the kiosk, while in service, is asked for an automatic test call; null for the default
/// (<c>Sos:Kiosks:TestCallInterval</c>, 3 days, the longest EN 81-28 allows).
/// </param>
/// <param name="MediaKind">How its media reaches a call: a browser kiosk, or a SIP intercom.</param>
/// <param name="Sip">For a SIP intercom: its address, codecs and press code.</param>
/// <param name="Camera">An RTSP camera whose picture is the call's video (for a SIP intercom; a browser kiosk has its own camera).</param>
[GenerateSerializer, Immutable, Alias("Sos.KioskRegistration")]
public sealed record KioskRegistration(
    [property: Id(0)] string Name,
    [property: Id(1)] string Address,
    [property: Id(2)] double Latitude,
    [property: Id(3)] double Longitude,
    [property: Id(4)] string District,
    [property: Id(5)] string CentreId,
    [property: Id(6)] TimeSpan? HeartbeatInterval = null,
    [property: Id(7)] string? Language = null,
    [property: Id(8)] TimeSpan? TestCallInterval = null,
    [property: Id(9)] KioskMediaKind MediaKind = KioskMediaKind.Browser,
    [property: Id(10)] SipStation? Sip = null,
    [property: Id(11)] KioskCamera? Camera = null)
{
    /// <summary>The language the kiosk's screen starts in.</summary>
    public string ScreenLanguage => Languages.IsSupported(Language) ? Language! : Languages.Russian;
}
