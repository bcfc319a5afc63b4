using System.Diagnostics;
using System.Globalization;

namespace Sos.Simulator.Chaos;

/// <summary>
/// A real Sos.Silo process (the built <c>Sos.Silo.dll</c>, copied beside this assembly by the project reference),
/// configured by environment variables as an operator would. It can be killed (SIGKILL, a crash) or stopped (SIGTERM,
/// a graceful leave). Used by the chaos run and by the tests that kill silos.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    /// <summary>The line a silo prints once it serves its gateway and the device API.</summary>
    public const string StartedLine = "Silo started";

    private const int KeptLines = 2000;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly Queue<string> output = new();
    private readonly Lock gate = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> waiters = [];
    private readonly StreamWriter? log;

    private SiloProcess(Process process, SiloEndpoints endpoints, string? logFile)
    {
        this.process = process;
        Endpoints = endpoints;
        log = logFile is null ? null : new StreamWriter(logFile, append: true) { AutoFlush = true };
    }

    /// <summary>The silo's ports.</summary>
    public SiloEndpoints Endpoints { get; }

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort => Endpoints.SiloPort;

    /// <summary>Client gateway port.</summary>
    public int GatewayPort => Endpoints.GatewayPort;

    /// <summary>The operating system's id of the process.</summary>
    public int ProcessId => process.Id;

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => process.HasExited;

    /// <summary>The last lines it printed (at most 2,000).</summary>
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

    /// <summary>Where <c>Sos.Silo.dll</c> is: beside this assembly.</summary>
    public static string SiloDll => Path.Combine(AppContext.BaseDirectory, "Sos.Silo.dll");

    /// <summary>Runs <c>Sos.Silo.dll</c> with these arguments and settings and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToEndAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        using var run = Process.Start(StartInfo(environment, arguments))!;
        var stdout = run.StandardOutput.ReadToEndAsync();
        var stderr = run.StandardError.ReadToEndAsync();
        await run.WaitForExitAsync().WaitAsync(StartTimeout);
        return (run.ExitCode, await stdout + await stderr);
    }

    /// <summary>
    /// Starts a silo in Cluster mode on free ports (HTTP on an ephemeral one), with the process's cluster certificates
    /// (<see cref="ClusterCertificates.Shared"/>) unless <paramref name="settings"/> say otherwise, and waits until it
    /// says it started.
    /// </summary>
    public static Task<SiloProcess> StartClusterSiloAsync(string connectionString, string clusterId, IReadOnlyDictionary<string, string>? settings = null) =>
        StartClusterSiloAsync(new SiloEndpoints(FreePorts.Next(), FreePorts.Next(), 0), connectionString, clusterId, settings);

    /// <summary>
    /// Starts a silo in Cluster mode on <paramref name="endpoints"/> and waits until it says it started. A silo
    /// restarted on the ports of one that was killed joins as a new generation of that address.
    /// </summary>
    /// <param name="endpoints">Its ports.</param>
    /// <param name="connectionString">The cluster's database.</param>
    /// <param name="clusterId">Cluster and service id.</param>
    /// <param name="settings">Further environment settings.</param>
    /// <param name="logFile">A file to append everything it prints to, if any.</param>
    public static async Task<SiloProcess> StartClusterSiloAsync(SiloEndpoints endpoints, string connectionString, string clusterId, IReadOnlyDictionary<string, string>? settings = null, string? logFile = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["Sos__Mode"] = "Cluster",
            ["ConnectionStrings__Sos"] = connectionString,
            ["Sos__Silo__SiloPort"] = endpoints.SiloPort.ToString(CultureInfo.InvariantCulture),
            ["Sos__Silo__GatewayPort"] = endpoints.GatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Sos__Silo__ClusterId"] = clusterId,
            ["Sos__Silo__ServiceId"] = clusterId,
            ["Urls"] = $"http://127.0.0.1:{endpoints.HttpPort.ToString(CultureInfo.InvariantCulture)}",

            // The line the start waits for comes from Orleans' hosted service, whatever the default level.
            ["Logging__LogLevel__Orleans.Hosting.SiloHostedService"] = "Information",
        };
        foreach (var (key, value) in ClusterCertificates.Shared.Environment(ClusterCertificates.Silo))
        {
            environment[key] = value;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var silo = new SiloProcess(new Process { StartInfo = StartInfo(environment, []), EnableRaisingEvents = true }, endpoints, logFile);
        silo.process.OutputDataReceived += (_, e) => silo.Record(e.Data);
        silo.process.ErrorDataReceived += (_, e) => silo.Record(e.Data);
        silo.process.Start();
        silo.process.BeginOutputReadLine();
        silo.process.BeginErrorReadLine();
        try
        {
            await silo.WaitForOutputAsync(StartedLine);
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }

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
        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
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
        if (log is not null)
        {
            lock (gate)
            {
                log.Dispose();
            }
        }
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
        info.ArgumentList.Add(SiloDll);
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

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            log?.WriteLine(line);
            output.Enqueue(line);
            if (output.Count > KeptLines)
            {
                output.Dequeue();
            }

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
