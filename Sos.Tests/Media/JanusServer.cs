using System.Diagnostics;
using Sos.Grains.Media;
using Sos.Silo.Media;

namespace Sos.Tests.Media;

/// <summary>
/// A Janus of "an existing deployment", started by the test with the same configuration Sos writes for its embedded
/// one (API on loopback, media on the namespace's address), so a test can kill it as a machine dying would.
/// </summary>
public sealed class JanusServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly string directory;

    private JanusServer(Process process, string directory, string url, int port)
    {
        this.process = process;
        this.directory = directory;
        Url = url;
        Port = port;
    }

    /// <summary>Its HTTP API port.</summary>
    public int Port { get; }

    /// <summary>Its HTTP API URL.</summary>
    public string Url { get; }

    /// <summary>Starts a Janus on a free API port (or <paramref name="port"/>) with these RTP ports, and waits until its API answers.</summary>
    public static async Task<JanusServer> StartAsync(string address, string rtpPorts, string adminKey, int? port = null)
    {
        port ??= Sos.Simulator.Chaos.FreePorts.Next();
        var directory = Directory.CreateTempSubdirectory("sos-janus-test-").FullName;
        var options = new MediaOptions { RtpPorts = rtpPorts, Janus = new JanusOptions { Port = port.Value } };
        var configuration = JanusConfiguration.Write(directory, options, address, adminKey);
        var start = new ProcessStartInfo("janus") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-C", configuration, "-F", directory })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new JanusServer(process, directory, $"http://127.0.0.1:{port}/janus", port.Value);
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            try
            {
                if ((await http.GetAsync($"{server.Url}/info")).IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // Not listening yet.
            }

            Assert.True(DateTime.UtcNow < deadline && !process.HasExited, $"Janus on port {port} did not answer");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>Stops it answering without ending it (SIGSTOP), as a hung machine would; <see cref="Resume"/> lets it go on.</summary>
    public void Pause() => Signal("STOP");

    /// <summary>Lets a paused server go on (SIGCONT).</summary>
    public void Resume() => Signal("CONT");

    /// <summary>The rooms it holds, as its API lists them with the admin key.</summary>
    public async Task<IReadOnlyList<string>> RoomsAsync(string adminKey)
    {
        await using var client = new Sos.Grains.Media.Janus.JanusClient(new HttpClient(), Url, TimeSpan.FromSeconds(5), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        return await client.ListRoomsAsync(adminKey);
    }

    /// <summary>Kills it, as a machine dying would.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    private void Signal(string signal)
    {
        if (process.HasExited)
        {
            return;
        }

        using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Resume();
        Kill();
        process.Dispose();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's temporary-file cleanup.
        }

        return ValueTask.CompletedTask;
    }
}
