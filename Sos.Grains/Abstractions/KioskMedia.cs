using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>How a kiosk's media reaches a call.</summary>
public enum KioskMediaKind
{
    /// <summary>A browser kiosk (the page at <c>/kiosk/{id}</c>): WebRTC camera and microphone through the device API.</summary>
    Browser = 0,

    /// <summary>A help-point station that speaks SIP for audio (Commend, Zenitel, 2N), its video from an IP camera beside it.</summary>
    SipIntercom = 1,
}

/// <summary>A SIP intercom station: where it is reached and how it says it was pressed.</summary>
/// <param name="Uri">Its SIP address, <c>sip:user@host[:port]</c> (or <c>sips:</c>).</param>
/// <param name="Codecs">The audio codecs to offer it, most preferred first (<see cref="KnownCodecs"/>).</param>
/// <param name="Registers">Whether it registers with Sos's registrar (then reached where it registered); otherwise called directly at its URI.</param>
/// <param name="PressCode">The DTMF digits or SIP INFO body the station sends for a press, if it sends one.</param>
[GenerateSerializer, Immutable, Alias("Sos.SipStation")]
public sealed record SipStation(
    [property: Id(0)] string Uri,
    [property: Id(1)] ImmutableArray<string> Codecs,
    [property: Id(2)] bool Registers,
    [property: Id(3)] string? PressCode = null)
{
    /// <summary>The audio codecs Sos offers stations, in its default order of preference.</summary>
    public static readonly ImmutableArray<string> KnownCodecs = ["opus", "G722", "PCMA", "PCMU"];
}

/// <summary>An IP camera beside a kiosk whose picture is the call's video (RTSP, H.264).</summary>
/// <param name="RtspUrl">Its stream, <c>rtsp://host[:port]/path</c>, without credentials (those are kept apart, like secrets).</param>
/// <param name="AlwaysOn">Kept mounted on the media server all the time (its picture at once on every call); otherwise mounted when a call opens.</param>
[GenerateSerializer, Immutable, Alias("Sos.KioskCamera")]
public sealed record KioskCamera(
    [property: Id(0)] string RtspUrl,
    [property: Id(1)] bool AlwaysOn = false);

/// <summary>Where the media server pulls a kiosk's camera from: its stream and, if set, its user and password (for the media session only).</summary>
/// <param name="RtspUrl">The stream.</param>
/// <param name="Credentials">Its user and password, if the camera needs them.</param>
[GenerateSerializer, Immutable, Alias("Sos.CameraSource")]
public sealed record CameraSource(
    [property: Id(0)] string RtspUrl,
    [property: Id(1)] CameraCredentials? Credentials);

/// <summary>The user name and password of a kiosk's RTSP camera: kept in the kiosk's state, never shown, logged or audited.</summary>
/// <param name="Username">The camera's user.</param>
/// <param name="Password">Its password.</param>
[GenerateSerializer, Immutable, Alias("Sos.CameraCredentials")]
public sealed record CameraCredentials(
    [property: Id(0)] string Username,
    [property: Id(1)] string Password)
{
    /// <summary>Hides the password from anything that prints the record.</summary>
    public override string ToString() => $"CameraCredentials {{ Username = {Username}, Password = *** }}";
}
