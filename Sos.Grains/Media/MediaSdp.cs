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

    /// <summary>
    /// The offer with its audio narrowed to <paramref name="codecs"/> (names as in <c>a=rtpmap</c>, such as PCMA), in
    /// that order, keeping DTMF (telephone-event); unchanged when none of them is offered.
    /// </summary>
    public static string PreferAudio(string sdp, IReadOnlyList<string> codecs)
    {
        var lines = sdp.Split("\r\n").SelectMany(l => l.Split('\n')).ToList();
        var audio = lines.FindIndex(l => l.StartsWith("m=audio ", StringComparison.Ordinal));
        if (audio < 0 || codecs.Count == 0)
        {
            return sdp;
        }

        var end = lines.FindIndex(audio + 1, l => l.StartsWith("m=", StringComparison.Ordinal));
        end = end < 0 ? lines.Count : end;
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = audio + 1; i < end; i++)
        {
            if (lines[i].StartsWith("a=rtpmap:", StringComparison.Ordinal) && lines[i]["a=rtpmap:".Length..].Split(' ', 2) is [var pt, var encoding])
            {
                names[pt] = encoding.Split('/')[0];
            }
        }

        var kept = codecs
            .SelectMany(codec => names.Where(n => string.Equals(n.Value, codec, StringComparison.OrdinalIgnoreCase)).Select(n => n.Key))
            .Concat(names.Where(n => string.Equals(n.Value, "telephone-event", StringComparison.OrdinalIgnoreCase)).Select(n => n.Key))
            .Distinct()
            .ToList();
        if (!kept.Any(pt => !string.Equals(names[pt], "telephone-event", StringComparison.OrdinalIgnoreCase)))
        {
            return sdp;
        }

        var media = lines[audio].Split(' ');
        lines[audio] = string.Join(' ', media.Take(3).Concat(kept));
        var dropped = names.Keys.Except(kept).ToHashSet(StringComparer.Ordinal);
        var result = lines.Where((line, i) => i <= audio || i >= end || !Names(line).Any(dropped.Contains)).ToList();
        return string.Join("\r\n", result.Take(result.Count - (result[^1].Length == 0 ? 1 : 0))) + "\r\n";

        static IEnumerable<string> Names(string line)
        {
            foreach (var prefix in new[] { "a=rtpmap:", "a=fmtp:", "a=rtcp-fb:" })
            {
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    yield return line[prefix.Length..].Split(' ', 2)[0];
                }
            }
        }
    }
}
