using Orleans.Concurrency;

namespace Sos.Grains.Abstractions;

/// <summary>
/// A kiosk's "always on" IP camera (one per kiosk, keyed by its id): kept mounted on a media server all the time, so
/// its picture is on a call the moment it rings, and watched between calls, so a camera that stops sending pictures is
/// a kiosk fault even when nobody calls. Told by its kiosk when the camera's settings change.
/// </summary>
public interface IKioskCameraGrain : IGrainWithStringKey
{
    /// <summary>The kiosk's camera settings changed (its stream, its credentials, "always on"): kept, mounted again, or let go.</summary>
    [OneWay]
    Task ChangedAsync();

    /// <summary>What it keeps now.</summary>
    [AlwaysInterleave]
    Task<KeptCamera> GetAsync();
}

/// <summary>An always-on camera's mountpoint as the media server holds it now.</summary>
/// <param name="Server">The media server it is mounted on; null while it is not mounted (not always on, or no server answers).</param>
/// <param name="MountId">The Streaming mountpoint's id there.</param>
/// <param name="Secret">The mountpoint's secret (Sos's only: for the calls that record and watch it).</param>
/// <param name="Sending">Whether the camera sent a picture within <c>Sos:Media:CameraSilentAfter</c> at the last look; null before the first.</param>
[GenerateSerializer, Immutable, Alias("Sos.KeptCamera")]
public sealed record KeptCamera(
    [property: Id(0)] string? Server,
    [property: Id(1)] string? MountId,
    [property: Id(2)] string? Secret,
    [property: Id(3)] bool? Sending)
{
    /// <summary>Nothing kept.</summary>
    public static readonly KeptCamera None = new(null, null, null, null);

    /// <summary>Hides the secret from anything that prints the record.</summary>
    public override string ToString() => $"KeptCamera {{ Server = {Server}, MountId = {MountId}, Sending = {Sending} }}";
}
