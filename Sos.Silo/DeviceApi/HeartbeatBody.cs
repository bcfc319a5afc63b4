using System.ComponentModel;

namespace Sos.Silo.DeviceApi;

/// <summary>The body of <c>POST /api/v1/kiosks/{kioskId}/heartbeats</c>.</summary>
/// <param name="Camera"><c>ok</c> or <c>fault</c>.</param>
/// <param name="Audio"><c>ok</c> or <c>fault</c> (speaker and microphone).</param>
/// <param name="Tamper">True while the tamper switch is open.</param>
/// <param name="Power"><c>mains</c> or <c>battery</c>.</param>
/// <param name="Firmware">The firmware version (optional, at most 100 printable characters).</param>
public sealed record HeartbeatBody(
    [property: Description("ok or fault.")] string? Camera,
    [property: Description("ok or fault (speaker and microphone).")] string? Audio,
    [property: Description("True while the tamper switch is open.")] bool? Tamper,
    [property: Description("mains or battery.")] string? Power,
    [property: Description("The firmware version; optional, at most 100 printable characters.")] string? Firmware);
