using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sos.Grains.Abstractions;

namespace Sos.Grains.Media;

/// <summary>
/// Makes a call's evidence from the media server's raw recordings (<c>raw/*.mjr</c>, one per stream): each stream is
/// unpacked with <c>janus-pp-rec</c> (no re-encoding, but for an IP camera's H.264, made VP8, and a SIP station's G.711 or G.722, made Opus), its first packet's wall-clock time read from its header, and
/// <c>ffmpeg</c> muxes them into one WebM, each track offset by when its first packet arrived (<c>-itsoffset … -c copy</c>).
/// A manifest lists every file with its SHA-256. Nothing existing is ever overwritten: a file already there is kept
/// (and hashed) as it is, so a repeated run after a crash completes what is missing.
/// </summary>
public sealed class EvidenceBuilder(string janusPpRec = "janus-pp-rec", string ffmpeg = "ffmpeg")
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// One conversion at a time per process, its tools at idle priority: the evidence of many calls ending together
    /// must not take the cores that live calls, presses and rings need.
    /// </summary>
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <summary>The playable file's name.</summary>
    public static string RecordingName(Guid callId) => $"call-{callId:N}.webm";

    /// <summary>The listening copy's name: both voices mixed into one track, for players that play one.</summary>
    public static string ListeningName(Guid callId) => $"listen-{callId:N}.webm";

    /// <summary>
    /// Builds the evidence in <paramref name="directory"/>; returns the files the manifest lists (raw recordings and the
    /// playable file), the playable file's relative path (null when nothing was recorded) and the manifest's SHA-256.
    /// </summary>
    public async Task<(ImmutableArray<EvidenceFile> Files, string? Recording, string? ManifestSha256)> BuildAsync(Guid callId, string directory, CancellationToken cancellationToken)
    {
        await OneAtATime.WaitAsync(cancellationToken);
        try
        {
            return await BuildOneAsync(callId, directory, cancellationToken);
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    private async Task<(ImmutableArray<EvidenceFile> Files, string? Recording, string? ManifestSha256)> BuildOneAsync(Guid callId, string directory, CancellationToken cancellationToken)
    {
        var raw = Path.Combine(directory, "raw");
        var recordings = Directory.Exists(raw) ? Directory.GetFiles(raw, "*.mjr").Order(StringComparer.Ordinal).ToList() : [];
        if (recordings.Count == 0)
        {
            return ([], null, null);
        }

        var work = Path.Combine(directory, "work");
        Directory.CreateDirectory(work);
        var tracks = new List<Track>();
        foreach (var recording in recordings)
        {
            var header = JsonNode.Parse(await RunAsync(janusPpRec, ["-j", recording], cancellationToken)) as JsonObject;
            var kind = (string?)header?["t"] == "v" ? "video" : "audio";
            var firstPacket = header?["u"]?.GetValue<long>() ?? header?["s"]?.GetValue<long>() ?? 0;
            var unpacked = Path.Combine(work, Path.GetFileNameWithoutExtension(recording) + (kind == "video" ? ".webm" : ".opus"));
            if (!File.Exists(unpacked) && (string?)header?["c"] == "h264")
            {
                // An IP camera's H.264 cannot go into the WebM as it is: unpacked into Matroska, then made VP8 for the
                // playable file (the only re-encoded video; the raw recording is the evidence, kept with its hash).
                var matroska = Path.Combine(work, Path.GetFileNameWithoutExtension(recording) + ".mkv");
                if (!File.Exists(matroska))
                {
                    await WriteOnceAsync(matroska, temporary => RunAsync(janusPpRec, [recording, temporary], cancellationToken));
                }

                await WriteOnceAsync(unpacked, temporary => RunAsync(ffmpeg, ["-hide_banner", "-loglevel", "error", "-n", "-i", matroska, "-an", "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "1M", "-f", "webm", temporary], cancellationToken));
            }

            if (!File.Exists(unpacked) && kind == "audio" && (string?)header?["c"] is "pcma" or "pcmu" or "g722")
            {
                // A SIP intercom's G.711 or G.722 voice: unpacked into WAV, then made Opus for the WebM (the raw
                // recording is the evidence, kept with its hash).
                var wave = Path.Combine(work, Path.GetFileNameWithoutExtension(recording) + ".wav");
                if (!File.Exists(wave))
                {
                    await WriteOnceAsync(wave, temporary => RunAsync(janusPpRec, [recording, temporary], cancellationToken));
                }

                await WriteOnceAsync(unpacked, temporary => RunAsync(ffmpeg, ["-hide_banner", "-loglevel", "error", "-n", "-i", wave, "-c:a", "libopus", "-b:a", "32k", "-f", "opus", temporary], cancellationToken));
            }

            if (!File.Exists(unpacked))
            {
                await WriteOnceAsync(unpacked, temporary => RunAsync(janusPpRec, [recording, temporary], cancellationToken));
            }

            if (new FileInfo(unpacked).Length > 0)
            {
                tracks.Add(new Track(recording, unpacked, kind, Role(recording), DateTimeOffset.FromUnixTimeMilliseconds(firstPacket / 1000)));
            }
        }

        var files = recordings.Select(r => (Path: r, Kind: $"{Role(r)}-{(tracks.FirstOrDefault(t => t.Raw == r)?.Kind ?? "empty")}", First: tracks.FirstOrDefault(t => t.Raw == r)?.FirstPacket)).ToList();
        string? recordingPath = null;
        if (tracks.Count > 0)
        {
            // The caller's video first, then the caller's audio, then the operator's: players take the first audio track.
            var ordered = tracks.OrderBy(t => t.Kind == "video" ? 0 : t.Role == "caller" ? 1 : 2).ThenBy(t => t.FirstPacket).ToList();
            var start = ordered.Min(t => t.FirstPacket);
            var output = Path.Combine(directory, RecordingName(callId));
            if (!File.Exists(output))
            {
                var arguments = new List<string> { "-hide_banner", "-loglevel", "error", "-n" };
                foreach (var track in ordered)
                {
                    arguments.AddRange(["-itsoffset", ((track.FirstPacket - start).TotalSeconds).ToString("0.000", CultureInfo.InvariantCulture), "-i", track.Unpacked]);
                }

                for (var i = 0; i < ordered.Count; i++)
                {
                    arguments.AddRange(["-map", $"{i}:0"]);
                }

                arguments.AddRange(["-c", "copy"]);
                var audio = 0;
                foreach (var track in ordered.Where(t => t.Kind == "audio"))
                {
                    arguments.AddRange([$"-metadata:s:a:{audio++}", $"title={track.Role}"]);
                }

                arguments.AddRange(["-metadata", $"title=call {callId}", "-f", "webm"]);
                await WriteOnceAsync(output, temporary => RunAsync(ffmpeg, [.. arguments, temporary], cancellationToken));
            }

            recordingPath = Path.GetFileName(output);
            files.Add((output, "recording", start));

            // Players play one audio track: a listening copy with both voices mixed (the only re-encoded file, for
            // listening; the evidence is the recording above and the raw files).
            var audioTracks = ordered.Count(t => t.Kind == "audio");
            if (audioTracks >= 2)
            {
                var listening = Path.Combine(directory, ListeningName(callId));
                if (!File.Exists(listening))
                {
                    var video = ordered.Any(t => t.Kind == "video");
                    List<string> mix =
                    [
                        "-hide_banner", "-loglevel", "error", "-n", "-i", output,
                        "-filter_complex", string.Concat(Enumerable.Range(0, audioTracks).Select(i => $"[0:a:{i}]")) + $"amix=inputs={audioTracks}:duration=longest:normalize=0[voices]",
                        "-map", "[voices]", "-c:a", "libopus", "-b:a", "48k",
                    ];
                    if (video)
                    {
                        mix.AddRange(["-map", "0:v:0", "-c:v", "copy"]);
                    }

                    mix.AddRange(["-f", "webm"]);
                    await WriteOnceAsync(listening, temporary => RunAsync(ffmpeg, [.. mix, temporary], cancellationToken));
                }

                files.Add((listening, "listening-copy", start));
            }
        }

        var listed = new List<EvidenceFile>();
        foreach (var (path, kind, first) in files)
        {
            listed.Add(new EvidenceFile(Path.GetRelativePath(directory, path), await HashAsync(path, cancellationToken), new FileInfo(path).Length, kind, first));
        }

        var manifestPath = Path.Combine(directory, EvidenceSnapshot.ManifestFile);
        if (!File.Exists(manifestPath))
        {
            var manifest = JsonSerializer.SerializeToUtf8Bytes(new { callId, files = listed.Select(f => new { path = f.Path, sha256 = f.Sha256, bytes = f.Bytes, kind = f.Kind, firstPacketAt = f.FirstPacketAt }) }, new JsonSerializerOptions { WriteIndented = true });
            await WriteOnceAsync(manifestPath, temporary => File.WriteAllBytesAsync(temporary, manifest, cancellationToken));
        }

        Directory.Delete(work, recursive: true);
        return ([.. listed], recordingPath, await HashAsync(manifestPath, cancellationToken));
    }

    /// <summary>The SHA-256 of a file, lower-case hex.</summary>
    public static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    /// <summary>
    /// Whose side a raw recording holds: the operator's (a room's <c>…-user-operator-…</c> feed, or the SIP plugin's user
    /// side <c>sip-…-user-audio</c>) or the caller's (a kiosk's or phone's feed, a camera, a station's <c>sip-…-peer-audio</c>).
    /// </summary>
    private static string Role(string recording) => Path.GetFileName(recording) is var name &&
        (name.Contains("-user-operator-", StringComparison.Ordinal) || (name.StartsWith("sip-", StringComparison.Ordinal) && name.Contains("-user-", StringComparison.Ordinal)))
        ? "operator"
        : "caller";

    /// <summary>Writes through a temporary name and moves it into place only if nothing is there: never overwrites.</summary>
    private static async Task WriteOnceAsync(string path, Func<string, Task> write)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileNameWithoutExtension(path)}.{Guid.NewGuid():N}{Path.GetExtension(path)}");
        try
        {
            await write(temporary);
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another attempt made it meanwhile: theirs is kept.
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static async Task<string> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        try
        {
            process.PriorityClass = ProcessPriorityClass.Idle;
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Exited already, or not allowed: it runs at normal priority.
        }

        using var timed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timed.CancelAfter(ToolTimeout);
        var output = process.StandardOutput.ReadToEndAsync(timed.Token);
        var errors = process.StandardError.ReadToEndAsync(timed.Token);
        try
        {
            await process.WaitForExitAsync(timed.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {(await errors).Trim()}");
        }

        return await output;
    }

    private sealed record Track(string Raw, string Unpacked, string Kind, string Role, DateTimeOffset FirstPacket);
}
