using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Sos.Tests.Infrastructure;

/// <summary>
/// A real Sos.Silo process (the built <c>Sos.Silo.dll</c>), configured by environment variables as an operator
/// would. It can be killed (SIGKILL, a crash) or stopped (SIGTERM, a graceful leave).
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly List<string> output = [];
    private readonly Lock gate = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> waiters = [];

    private SiloProcess(Process process, int siloPort, int gatewayPort)
    {
        this.process = process;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; }

    /// <summary>Client gateway port.</summary>
    public int GatewayPort { get; }

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => process.HasExited;

    /// <summary>What it printed so far.</summary>
    public string Output
    {
        get
        {
            lock (gate)
            {
                return string.Join('\n', output);
            }
        }
    }

    /// <summary>Runs <c>Sos.Silo.dll</c> with these arguments and settings and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToEndAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        using var run = Process.Start(StartInfo(environment, arguments))!;
        var stdout = run.StandardOutput.ReadToEndAsync();
        var stderr = run.StandardError.ReadToEndAsync();
        await run.WaitForExitAsync().WaitAsync(StartTimeout);
        return (run.ExitCode, await stdout + await stderr);
    }

    /// <summary>Starts a silo in Cluster mode on free ports and waits until it says it started.</summary>
    public static async Task<SiloProcess> StartClusterSiloAsync(string connectionString, string clusterId, IReadOnlyDictionary<string, string>? settings = null)
    {
        var siloPort = FreePort();
        var gatewayPort = FreePort();
        var environment = new Dictionary<string, string>
        {
            ["Sos__Mode"] = "Cluster",
            ["ConnectionStrings__Sos"] = connectionString,
            ["Sos__Silo__SiloPort"] = siloPort.ToString(),
            ["Sos__Silo__GatewayPort"] = gatewayPort.ToString(),
            ["Sos__Silo__ClusterId"] = clusterId,
            ["Sos__Silo__ServiceId"] = clusterId,
            ["Urls"] = "http://127.0.0.1:0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var silo = new SiloProcess(new Process { StartInfo = StartInfo(environment, []), EnableRaisingEvents = true }, siloPort, gatewayPort);
        silo.process.OutputDataReceived += (_, e) => silo.Record(e.Data);
        silo.process.ErrorDataReceived += (_, e) => silo.Record(e.Data);
        silo.process.Start();
        silo.process.BeginOutputReadLine();
        silo.process.BeginErrorReadLine();
        await silo.WaitForOutputAsync("Application started");
        return silo;
    }

    /// <summary>Waits until the process prints a line containing <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text)
    {
        TaskCompletionSource seen;
        lock (gate)
        {
            if (output.Any(line => line.Contains(text, StringComparison.Ordinal)))
            {
                return;
            }

            seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((text, seen));
        }

        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(seen.Task, exited).WaitAsync(StartTimeout);
        if (first == exited && !seen.Task.IsCompleted)
        {
            throw new InvalidOperationException($"The silo exited with code {process.ExitCode} before printing '{text}':\n{Output}");
        }
    }

    /// <summary>Kills the process at once, as a crash or a power cut would (SIGKILL).</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>Asks the process to stop (SIGTERM) and waits until it has left the cluster and exited.</summary>
    public async Task StopAsync()
    {
        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString()]))
        {
            await term.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(StartTimeout);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            await KillAsync();
        }

        process.Dispose();
    }

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment, string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Sos.Silo.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return info;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            output.Add(line);
            for (var i = waiters.Count - 1; i >= 0; i--)
            {
                if (line.Contains(waiters[i].Text, StringComparison.Ordinal))
                {
                    waiters[i].Seen.TrySetResult();
                    waiters.RemoveAt(i);
                }
            }
        }
    }
}
