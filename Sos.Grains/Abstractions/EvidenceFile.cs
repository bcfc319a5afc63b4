namespace Sos.Grains.Abstractions;

/// <summary>One file of a call's evidence, as its manifest lists it.</summary>
/// <param name="Path">Its path relative to the call's evidence directory.</param>
/// <param name="Sha256">Its SHA-256, lower-case hex.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Kind">What it holds: <c>recording</c> (the playable file), <c>caller-video</c>, <c>caller-audio</c>, <c>operator-audio</c>.</param>
/// <param name="FirstPacketAt">When its first packet arrived (raw recordings), aligning the tracks.</param>
[GenerateSerializer, Immutable, Alias("Sos.EvidenceFile")]
public sealed record EvidenceFile(
    [property: Id(0)] string Path,
    [property: Id(1)] string Sha256,
    [property: Id(2)] long Bytes,
    [property: Id(3)] string Kind,
    [property: Id(4)] DateTimeOffset? FirstPacketAt);
