using System.Diagnostics;

namespace Sos.Tests.Media;

/// <summary>
/// An IP camera for the tests: GStreamer's RTSP server (Debian's gir1.2-gst-rtsp-server-1.0, driven by a few lines of
/// Python) serving a moving test picture as H.264 (a keyframe every second, as help-point cameras are told to send)
/// and a tone as G.711, on the media namespace's address.
/// </summary>
public sealed class RtspCamera : IAsyncDisposable
{
    private const string Server = """
        import sys, gi
        gi.require_version('Gst', '1.0'); gi.require_version('GstRtspServer', '1.0')
        from gi.repository import Gst, GstRtspServer, GLib
        Gst.init(None)
        address, port, path = sys.argv[1], sys.argv[2], sys.argv[3]
        server = GstRtspServer.RTSPServer(); server.set_address(address); server.set_service(port)
        factory = GstRtspServer.RTSPMediaFactory()
        factory.set_launch('( videotestsrc is-live=true pattern=ball ! video/x-raw,width=640,height=480,framerate=15/1 ! '
            'x264enc tune=zerolatency speed-preset=ultrafast key-int-max=15 bframes=0 ! video/x-h264,profile=constrained-baseline ! '
            'rtph264pay name=pay0 pt=96 config-interval=1 '
            'audiotestsrc is-live=true wave=sine freq=440 ! audioconvert ! audioresample ! alawenc ! rtppcmapay name=pay1 pt=8 )')
        factory.set_shared(True)
        server.get_mount_points().add_factory(path, factory)
        server.attach(None)
        print('ready', flush=True)
        GLib.MainLoop().run()
        """;

    private readonly Process process;
    private readonly string directory;

    private RtspCamera(Process process, string directory, string url)
    {
        this.process = process;
        this.directory = directory;
        Url = url;
    }

    /// <summary>Its stream, <c>rtsp://address:port/path</c>.</summary>
    public string Url { get; }

    /// <summary>Starts a camera on <paramref name="address"/> and a free port, and waits until it serves.</summary>
    public static async Task<RtspCamera> StartAsync(string address, string path = "/help-point")
    {
        var port = Sos.Simulator.Chaos.FreePorts.Next();
        var directory = Directory.CreateTempSubdirectory("sos-rtsp-camera-").FullName;
        var script = Path.Combine(directory, "camera.py");
        await File.WriteAllTextAsync(script, Server);

        // Debian's python3, whose gi module the package installs (not another python on the PATH).
        var start = new ProcessStartInfo("/usr/bin/python3") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { script, address, port.ToString(System.Globalization.CultureInfo.InvariantCulture), path })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The RTSP test camera did not start.");
        var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        if (ready != "ready")
        {
            var error = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(5));
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The RTSP test camera did not start: {error}");
        }

        return new RtspCamera(process, directory, $"rtsp://{address}:{port}{path}");
    }

    /// <summary>The camera hangs (its process stopped, its connections kept): it sends nothing until <see cref="ThawAsync"/>.</summary>
    public Task FreezeAsync() => SignalAsync("STOP");

    /// <summary>The hung camera goes on where it was.</summary>
    public Task ThawAsync() => SignalAsync("CONT");

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("kill did not start.");
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {process.Id} failed ({kill.ExitCode}).");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            await ThawAsync(); // a stopped process is not killed until it runs again
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}
