namespace Sos.Grains.Media;

/// <summary>The shape checks an SDP passes before it goes to the media server.</summary>
public static class MediaSdp
{
    /// <summary>The largest SDP accepted (a browser's offer with every candidate is a few KiB).</summary>
    public const int MaxLength = 32 * 1024;

    /// <summary>Whether <paramref name="sdp"/> looks like a complete session description: "v=0" first, an "m=" line, printable.</summary>
    public static bool IsValid(string? sdp) =>
        sdp is { Length: > 0 and <= MaxLength } &&
        sdp.StartsWith("v=0", StringComparison.Ordinal) &&
        (sdp.Contains("\nm=", StringComparison.Ordinal)) &&
        !sdp.Any(c => char.IsControl(c) && c is not '\r' and not '\n');
}
