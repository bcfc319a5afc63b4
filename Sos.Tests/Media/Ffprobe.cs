using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Sos.Tests.Media;

/// <summary>What ffprobe finds in a media file: each stream's kind and how long it lasts.</summary>
public static class Ffprobe
{
    /// <summary>The file's streams: <c>video</c> or <c>audio</c>, with their duration in seconds.</summary>
    public static async Task<IReadOnlyList<(string Kind, double Seconds)>> StreamsAsync(string path)
    {
        var start = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-v", "error", "-show_entries", "stream=codec_type,duration:stream_tags=DURATION:format=duration", "-of", "json", path })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"ffprobe {path}: {await process.StandardError.ReadToEndAsync()}");
        using var json = JsonDocument.Parse(output);
        var format = json.RootElement.GetProperty("format").TryGetProperty("duration", out var d) ? Seconds(d.GetString()) : 0;
        return [.. json.RootElement.GetProperty("streams").EnumerateArray().Select(s => (
            s.GetProperty("codec_type").GetString()!,
            s.TryGetProperty("duration", out var own) ? Seconds(own.GetString())
                : s.TryGetProperty("tags", out var tags) && tags.TryGetProperty("DURATION", out var tagged) ? Seconds(tagged.GetString())
                : format))];
    }

    /// <summary>The loudest sample of audio track <paramref name="audioTrack"/> in dBFS (-91 for digital silence), by ffmpeg's volumedetect.</summary>
    public static async Task<double> MaxVolumeAsync(string path, int audioTrack)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-hide_banner", "-nostats", "-i", path, "-map", $"0:a:{audioTrack}", "-af", "volumedetect", "-f", "null", "-" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var report = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var match = System.Text.RegularExpressions.Regex.Match(report, @"max_volume: (-?[\d.]+) dB");
        Assert.True(process.ExitCode == 0 && match.Success, $"ffmpeg volumedetect on audio track {audioTrack} of {path}: {report}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static double Seconds(string? value) =>
        value is null ? 0
        : value.Contains(':', StringComparison.Ordinal) ? TimeSpan.Parse(value[..Math.Min(value.Length, 16)], CultureInfo.InvariantCulture).TotalSeconds
        : double.Parse(value, CultureInfo.InvariantCulture);
}
