using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Sos.Tests.Media;

/// <summary>
/// A SIP help-point station for the tests: Debian's <c>baresip</c>, auto-answering on the media namespace's second
/// address, speaking only the codec it is given, sending a tone from a file, and dumping what it hears (its sndfile
/// filter) so a test can tell the operator's voice reached it. It can hang up by itself (its TCP control on loopback).
/// </summary>
public sealed class SipIntercom : IAsyncDisposable
{
    private readonly Process process;
    private readonly string directory;
    private readonly int control;
    private readonly ConcurrentQueue<string> output = new();

    private SipIntercom(Process process, string directory, int control, string uri)
    {
        this.process = process;
        this.directory = directory;
        this.control = control;
        Uri = uri;
        process.OutputDataReceived += (_, line) => { if (line.Data is { } data) { output.Enqueue(data); } };
        process.ErrorDataReceived += (_, line) => { if (line.Data is { } data) { output.Enqueue(data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Its SIP address.</summary>
    public string Uri { get; }

    /// <summary>What it printed so far.</summary>
    public string Log => string.Join('\n', output);

    /// <summary>The files holding what it heard (one per call), from its sndfile filter.</summary>
    public IReadOnlyList<string> HeardFiles => Directory.GetFiles(directory, "dump-*-dec.wav");

    /// <summary>
    /// Starts a station on <paramref name="address"/> (a free port) that answers calls with <paramref name="codec"/> and a
    /// tone, and sends its presses (<see cref="PressAsync"/>) to <paramref name="server"/> when given; on
    /// <paramref name="port"/> when given (a station that comes back where it was). With <paramref name="registers"/>, it
    /// registers as that address of record (at its host, every 10 s) with that password instead of waiting to be called
    /// at its own address.
    /// </summary>
    public static async Task<SipIntercom> StartAsync(string address, string codec = "PCMA", string user = "help-point", string? server = null, int? port = null, (string Aor, string Password)? registers = null)
    {
        port ??= Sos.Simulator.Chaos.FreePorts.Next();
        var control = Sos.Simulator.Chaos.FreePorts.Next();
        var directory = Directory.CreateTempSubdirectory("sos-sip-intercom-").FullName;
        var tone = Path.Combine(directory, "tone.wav");
        using (var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=660:sample_rate=8000:duration=600", "-ac", "1", tone]) { UseShellExecute = false })!)
        {
            await ffmpeg.WaitForExitAsync();
        }

        await File.WriteAllTextAsync(Path.Combine(directory, "config"), string.Create(CultureInfo.InvariantCulture, $"""
            poll_method epoll
            net_interface {InterfaceOf(address)}
            sip_listen {address}:{port}
            audio_player aubridge,sink
            audio_alert aubridge,sink
            audio_source aufile,{tone}
            module_path /usr/lib/baresip/modules
            module g711.so
            module g722.so
            module opus.so
            module aufile.so
            module aubridge.so
            module sndfile.so
            module_app account.so
            module_app contact.so
            module_app menu.so
            module_app ctrl_tcp.so
            ctrl_tcp_listen 127.0.0.1:{control}
            snd_path {directory}
            """));
        var uri = $"sip:{user}@{address}:{port}";
        var account = registers is var (aor, password) ? $"<{aor}>;auth_pass={password};regint=10" : $"<{uri}>;regint=0";
        await File.WriteAllTextAsync(Path.Combine(directory, "accounts"), $"{account};answermode=auto;audio_codecs={codec}\n");
        if (server is not null)
        {
            // Its SIP server as its one contact, the current one: what the station's press is sent to.
            await File.WriteAllTextAsync(Path.Combine(directory, "contacts"), $"\"Sos\" <{server}>\n");
            await File.WriteAllTextAsync(Path.Combine(directory, "current_contact"), $"\"Sos\" <{server}>");
        }

        var process = Process.Start(new ProcessStartInfo("baresip", ["-4", "-f", directory]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true })
            ?? throw new InvalidOperationException("baresip did not start.");
        var station = new SipIntercom(process, directory, control, uri);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!station.Log.Contains("baresip is ready", StringComparison.Ordinal))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"baresip did not get ready: {station.Log}");
            }

            await Task.Delay(100);
        }

        return station;
    }

    /// <summary>The network interface that holds <paramref name="address"/>: baresip puts its address into its SDP.</summary>
    private static string InterfaceOf(string address) =>
        System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .First(n => n.GetIPProperties().UnicastAddresses.Any(a => a.Address.ToString() == address)).Name;

    /// <summary>The station hangs up its call (as a help point does when its button is pressed again, or it times out).</summary>
    public Task HangUpAsync() => CommandAsync("hangup", null);

    /// <summary>The station's button: it sends its SIP server a MESSAGE with <paramref name="code"/> (its press code).</summary>
    public Task PressAsync(string code) => CommandAsync("message", code);

    /// <summary>The station's button on a station that calls: it calls <paramref name="uri"/> (Sos's SIP server).</summary>
    public Task DialAsync(string uri) => CommandAsync("dial", uri);

    /// <summary>Runs one command of baresip's TCP control and waits for its answer.</summary>
    private async Task CommandAsync(string command, string? parameters)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", control);
        var fields = new Dictionary<string, string> { ["command"] = command, ["token"] = "test" };
        if (parameters is not null)
        {
            fields["params"] = parameters;
        }

        var json = System.Text.Json.JsonSerializer.Serialize(fields);
        var bytes = Encoding.UTF8.GetBytes(json);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{bytes.Length}:")));
        await stream.WriteAsync(bytes);
        await stream.WriteAsync(","u8.ToArray());
        var buffer = new byte[4096];
        using var timed = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var read = await stream.ReadAsync(buffer, timed.Token);
        output.Enqueue($"[control] {json} -> {Encoding.UTF8.GetString(buffer, 0, read)}");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // What the station saw, for a failing test's output.
        TestContext.Current.TestOutputHelper?.WriteLine($"station {Uri}:\n{Log}");
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}
