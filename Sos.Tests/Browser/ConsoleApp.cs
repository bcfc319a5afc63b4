using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sos.Silo;

using Sos.Simulator.Chaos;

namespace Sos.Tests.Browser;

/// <summary>
/// The real console, started as its own process the way the README runs it (Embedded mode: silo in the same process,
/// SQLite in a fresh temporary directory) on free loopback ports, in the Development environment so its static
/// assets are served from the build output; and an Orleans client of its silo for the test to press kiosks with.
/// </summary>
public sealed class ConsoleApp : IAsyncDisposable
{
    /// <summary>Routing's console timeout in the app under test: short, so a lost console is noticed quickly.</summary>
    public static readonly TimeSpan ConsoleTimeout = TimeSpan.FromSeconds(3);

    // How long a console process may take to start and seed its demo: seconds here, over a minute when the whole suite
    // loads the machine (the runtime was seen stalling for seconds at a time in CI).
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    private readonly Process process;
    private readonly string dataDirectory;
    private readonly List<string> output = [];
    private IHost? clientHost;

    private ConsoleApp(Process process, string dataDirectory, Uri address)
    {
        this.process = process;
        this.dataDirectory = dataDirectory;
        Address = address;
    }

    /// <summary>The console's data directory (its database, its Janus configuration, its recordings).</summary>
    public string DataDirectory => dataDirectory;

    /// <summary>Where the console listens.</summary>
    public Uri Address { get; }

    /// <summary>An Orleans client of the console's silo.</summary>
    public IClusterClient Client => clientHost?.Services.GetRequiredService<IClusterClient>() ?? throw new InvalidOperationException("Not started.");

    /// <summary>Everything the console printed, kept beside the test binaries.</summary>
    public string LogFile => Path.Combine(AppContext.BaseDirectory, $"console-app-{Address.Port}.log");

    /// <summary>What the console printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return string.Join('\n', output.TakeLast(80));
            }
        }
    }

    /// <summary>
    /// Starts the console and waits until it listens and has seeded its demo data. Media is off unless
    /// <paramref name="settings"/> switch it on (the media tests, inside their own network namespace). Its plain HTTP
    /// address is on <paramref name="httpPort"/> (a free one if not given), which Kestrel endpoints in
    /// <paramref name="settings"/> must then keep.
    /// </summary>
    public static async Task<ConsoleApp> StartAsync(IReadOnlyDictionary<string, string>? settings = null, int? httpPort = null)
    {
        var (siloPort, gatewayPort) = (FreePorts.Next(), FreePorts.Next());
        httpPort ??= FreePorts.Next();
        var dataDirectory = Directory.CreateTempSubdirectory("sos-console-test-").FullName;
        var clusterId = $"console-test-{Guid.NewGuid():N}";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        start.ArgumentList.Add(ConsoleAssembly());
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["--urls"] = $"http://127.0.0.1:{httpPort}",
            ["--Sos:Mode"] = "Embedded",
            ["--Sos:DataDirectory"] = dataDirectory,
            ["--Sos:Silo:SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["--Sos:Silo:GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["--Sos:Silo:ClusterId"] = clusterId,
            ["--Sos:Console:HeartbeatInterval"] = "00:00:01",
            ["--Sos:Routing:ConsoleTimeout"] = ConsoleTimeout.ToString(),
            ["--Sos:Media:Enabled"] = "false",

            // Every test signs in from 127.0.0.1: the per-address limit is tried by a test of its own.
            ["--Sos:Console:SignInAttemptsPerMinute"] = "100000",
            ["--Sos:Console:RevalidationInterval"] = "00:00:02",
        }.Concat((settings ?? new Dictionary<string, string>()).Select(s => KeyValuePair.Create("--" + s.Key, s.Value)))
            .GroupBy(s => s.Key).Select(g => g.Last()))
        {
            start.ArgumentList.Add(key);
            start.ArgumentList.Add(value);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Logging__Console__ColorBehavior"] = "Disabled";

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var app = new ConsoleApp(process, dataDirectory, new Uri($"http://127.0.0.1:{httpPort}"));
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seeded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Read(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (app.output)
            {
                app.output.Add(line);
                File.AppendAllText(app.LogFile, line + Environment.NewLine);
            }

            if (line.Contains("Now listening on", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }

            if (line.Contains("Demo data ready", StringComparison.Ordinal))
            {
                seeded.TrySetResult();
            }
        }

        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var ready = Task.WhenAll(listening.Task, seeded.Task);
        if (await Task.WhenAny(ready, exited, Task.Delay(StartTimeout)) != ready)
        {
            var printed = app.Output;
            await app.DisposeAsync();
            throw new InvalidOperationException($"The console did not start within {StartTimeout.TotalSeconds} s:\n{printed}");
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sos:Mode"] = "Embedded",
            ["Sos:Silo:GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sos:Silo:ClusterId"] = clusterId,
            // The test's own client says only what went wrong, so a failure's output is not buried under its start-up.
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.UseOrleansClient(client => client.UseSosClient());
        app.clientHost = builder.Build();
        await app.clientHost.StartAsync();
        return app;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (clientHost is not null)
        {
            await clientHost.StopAsync();
            clientHost.Dispose();
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's temporary-file cleanup.
        }
    }

    private static string ConsoleAssembly()
    {
        // Sos.Tests/bin/<Configuration>/net10.0/ → Sos.Console/bin/<Configuration>/net10.0/Sos.Console.dll
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        var path = Path.Combine(RepositoryRoot.Path, "Sos.Console", "bin", configuration, output.Name, "Sos.Console.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build Sos.Console first (dotnet build Sos.sln).", path);
    }

}
