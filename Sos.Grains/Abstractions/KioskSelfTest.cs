namespace Sos.Grains.Abstractions;

/// <summary>What a kiosk reports when it answers a test call: its own checks, and the media loopback when it ran one.</summary>
/// <param name="CameraOk">The camera gave a picture.</param>
/// <param name="AudioOk">The microphone (and, where the device can tell, the speaker) work.</param>
/// <param name="Loopback">The media path check; null for a device that has no media path to Sos.</param>
/// <param name="Detail">The device's own words, at most 500 characters.</param>
[GenerateSerializer, Immutable, Alias("Sos.KioskSelfTest")]
public sealed record KioskSelfTest(
    [property: Id(0)] bool CameraOk,
    [property: Id(1)] bool AudioOk,
    [property: Id(2)] MediaLoopbackCheck? Loopback,
    [property: Id(3)] string? Detail);
