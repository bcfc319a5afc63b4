namespace Sos.Grains.Abstractions;

/// <summary>What a citizen's phone sends when its SOS button is pressed.</summary>
/// <param name="DeviceId">The phone's own id (kept with every item, anonymous ones too).</param>
/// <param name="ClientRequestId">The app's id for this SOS: the same one again is the same session.</param>
/// <param name="Name">The registered citizen's name, when not anonymous.</param>
/// <param name="Phone">Their phone number, when not anonymous.</param>
/// <param name="Anonymous">The citizen does not say who they are.</param>
/// <param name="Silent">The citizen cannot speak: chat only, and the call is more urgent.</param>
/// <param name="Category">What it is about, when the app asked (lower-case code), or null.</param>
/// <param name="Location">The phone's first fix, or null when it has none yet.</param>
/// <param name="Language">The citizen's language (ru, kk, en).</param>
/// <param name="Battery">The phone's battery in per cent, when known.</param>
/// <param name="Video">The citizen shares their camera; false for a voice-only call.</param>
[GenerateSerializer, Immutable, Alias("Sos.CitizenSosRequest")]
public sealed record CitizenSosRequest(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] Guid ClientRequestId,
    [property: Id(2)] string? Name,
    [property: Id(3)] string? Phone,
    [property: Id(4)] bool Anonymous,
    [property: Id(5)] bool Silent,
    [property: Id(6)] string? Category,
    [property: Id(7)] CitizenLocation? Location,
    [property: Id(8)] string Language,
    [property: Id(9)] int? Battery,
    [property: Id(10)] bool Video);
