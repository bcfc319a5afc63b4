namespace Sos.Grains.Abstractions;

/// <summary>
/// What a kiosk measured when it sent its camera and microphone to the media server and got them echoed back: the
/// whole media path of a call (network, ICE, the media server), without ringing anybody.
/// </summary>
/// <param name="AudioLevel">The loudest level of the audio that came back, 0–1 (the WebRTC <c>audioLevel</c>).</param>
/// <param name="VideoFrames">Video frames that came back.</param>
/// <param name="RoundTripMs">The round trip to the media server in milliseconds, when measured.</param>
/// <param name="Problem">What went wrong, when the loopback did not connect.</param>
[GenerateSerializer, Immutable, Alias("Sos.MediaLoopbackCheck")]
public sealed record MediaLoopbackCheck(
    [property: Id(0)] double AudioLevel,
    [property: Id(1)] long VideoFrames,
    [property: Id(2)] int? RoundTripMs,
    [property: Id(3)] string? Problem = null);
