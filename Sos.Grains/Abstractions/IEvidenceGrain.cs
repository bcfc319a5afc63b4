using Orleans.Concurrency;

namespace Sos.Grains.Abstractions;

/// <summary>
/// A call's evidence, keyed by the call's id: from the media server's raw recordings, one playable file (the caller's
/// video, the caller's audio and the operator's audio as separate tracks, aligned by their first packets, muxed without
/// re-encoding) and a manifest of SHA-256 hashes, whose own hash goes into the call's timeline. A durable job: asked
/// once when the media ends, it keeps trying on a reminder until the files exist, whatever silo dies meanwhile. Files
/// are written once and never overwritten.
/// </summary>
public interface IEvidenceGrain : IGrainWithGuidKey
{
    /// <summary>
    /// The call's media ended: make its evidence from the recordings in <paramref name="directory"/>/raw. Repeating it
    /// changes nothing. The media session sends it one way.
    /// </summary>
    [OneWay]
    Task PrepareAsync(string directory, DateTimeOffset endedAt);

    /// <summary>
    /// The retention setting: evidence whose media ended more than <paramref name="retention"/> ago is deleted (every
    /// file of the call's evidence directory), and the call's timeline says so. Younger evidence is kept. Returns
    /// whether it was deleted.
    /// </summary>
    Task<bool> ExpireAsync(TimeSpan retention);

    /// <summary>
    /// The call's evidence as it is now. It only reads the state, so it interleaves with a conversion in progress
    /// (which takes seconds): History and the console are answered at once, with the evidence still Pending.
    /// </summary>
    [AlwaysInterleave]
    Task<EvidenceSnapshot> GetAsync();
}
