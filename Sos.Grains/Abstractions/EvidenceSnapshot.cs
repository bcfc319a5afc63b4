using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>A call's evidence: also the evidence grain's persisted state.</summary>
/// <param name="CallId">The call.</param>
/// <param name="Status">Where it is.</param>
/// <param name="Directory">The call's evidence directory (raw recordings in <c>raw/</c>).</param>
/// <param name="Recording">The playable file's path relative to <paramref name="Directory"/>, once made.</param>
/// <param name="ManifestSha256">The manifest's SHA-256, once written.</param>
/// <param name="Files">Every file the manifest lists.</param>
/// <param name="Attempts">How many times making it was tried.</param>
/// <param name="LastError">Why the last attempt failed, if it did.</param>
/// <param name="EndedAt">When the call's media ended.</param>
[GenerateSerializer, Immutable, Alias("Sos.EvidenceSnapshot")]
public sealed record EvidenceSnapshot(
    [property: Id(0)] Guid CallId,
    [property: Id(1)] EvidenceStatus Status,
    [property: Id(2)] string? Directory,
    [property: Id(3)] string? Recording,
    [property: Id(4)] string? ManifestSha256,
    [property: Id(5)] ImmutableArray<EvidenceFile> Files,
    [property: Id(6)] int Attempts,
    [property: Id(7)] string? LastError,
    [property: Id(8)] DateTimeOffset? EndedAt)
{
    /// <summary>The file name of every call's manifest.</summary>
    public const string ManifestFile = "manifest.json";

    /// <summary>Nothing asked for this call yet.</summary>
    public static EvidenceSnapshot None(Guid callId) => new(callId, EvidenceStatus.None, null, null, null, [], 0, null, null);
}
