using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Sos.Grains.Abstractions;
using Sos.Silo;
using Sos.Simulator.Chaos;

namespace Sos.Bench;

/// <summary>
/// The media benchmark: N simultaneous calls between browser kiosks and dispatcher consoles (Chromium with fake camera
/// and microphone) through the console's own Janus, inside a private network namespace (scripts/netns.sh; the command
/// re-runs itself there). For each N: press → first frame on the ringing card, answer → first frame on the active
/// call, answer → the operator's voice at the kiosk, packet loss over the held calls, and Janus' CPU and memory per call.
/// </summary>
public static class MediaBench
{
    private const string Password = "bench-password-1";

    /// <summary>Runs the benchmark for each count of calls, holding the calls for <paramref name="seconds"/>.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<int> counts, int seconds, TextWriter log)
    {
        if (Environment.GetEnvironmentVariable("SOS_MEDIA_ADDRESS") is not { Length: > 0 } address)
        {
            return await InNamespaceAsync(counts, seconds);
        }

        var root = RepositoryRoot();
        var data = Directory.CreateTempSubdirectory("sos-media-bench-").FullName;
        var (http, silo, gateway) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        var clusterId = $"media-bench-{Guid.NewGuid():N}";
        using var console = StartConsole(root, data, http, silo, gateway, clusterId, address, log);
        try
        {
            using var host = await ClientAsync(gateway, clusterId);
            var client = host.Services.GetRequiredService<IClusterClient>();
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--autoplay-policy=no-user-gesture-required", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                ],
            });
            var rows = new List<string>();
            foreach (var count in counts)
            {
                rows.Add(await RoundAsync(browser, client, new Uri($"http://127.0.0.1:{http}"), data, count, seconds, log));
                log.WriteLine($"media bench: {rows[^1]}");
            }

            Console.WriteLine("| calls | press → frame on ringing card p50 / p95 | answer → frame on active call p50 / p95 | answer → operator's voice at kiosk p50 / p95 | packet loss | Janus CPU per call | Janus memory per call | evidence per second of call |");
            Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var row in rows)
            {
                Console.WriteLine(row);
            }

            return 0;
        }
        finally
        {
            if (!console.HasExited)
            {
                console.Kill(entireProcessTree: true);
                await console.WaitForExitAsync();
            }

            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<string> RoundAsync(IBrowser browser, IClusterClient client, Uri console, string data, int count, int seconds, TextWriter log)
    {
        var centre = $"bench-{Guid.NewGuid():N}"[..16];
        var contexts = new List<IBrowserContext>();
        async Task<IPage> PageAsync()
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = console.ToString(), Permissions = ["camera", "microphone"], ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
            context.SetDefaultTimeout(60_000);
            contexts.Add(context);
            return await context.NewPageAsync();
        }

        var dispatchers = new List<IPage>();
        var kiosks = new List<(string Id, IPage Page)>();
        for (var i = 0; i < count; i++)
        {
            var login = $"bench-op-{Guid.NewGuid():N}"[..17];
            await client.GetAccount(login).CreateAsync(new AccountProfile($"Operator {i + 1}", [AccountRole.Dispatcher], centre), Password, Actors.Tool("bench"));
            var page = await PageAsync();
            await page.GotoAsync("/login");
            await page.GetByTestId("login-user").FillAsync(login);
            await page.GetByTestId("login-password").FillAsync(Password);
            await page.GetByTestId("login-submit").ClickAsync();
            try
            {
                await page.GetByTestId("presence-available").ClickAsync();
            }
            catch (TimeoutException)
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = "/tmp/media-bench-failed.png" });
                throw new InvalidOperationException($"{login} did not reach the Dispatch screen (at {page.Url}; see /tmp/media-bench-failed.png)");
            }

            await page.GetByTestId("presence-status").Filter(new() { HasText = "Available" }).WaitForAsync();
            dispatchers.Add(page);

            var kioskId = $"bench-k-{Guid.NewGuid():N}"[..16];
            var kiosk = client.GetKiosk(kioskId);
            await kiosk.RegisterAsync(new KioskRegistration($"Bench kiosk {i + 1}", "Bench street", 52.288, 76.942, "Central", centre), Actors.Tool("bench"));
            await kiosk.ChangeLifecycleAsync(KioskLifecycle.InService, Actors.Tool("bench"));
            var secret = await kiosk.IssueSecretAsync(Actors.Tool("bench"));
            var kioskPage = await PageAsync();
            await kioskPage.GotoAsync($"/kiosk/{kioskId}");
            await kioskPage.GetByTestId("kiosk-secret").FillAsync(secret);
            await kioskPage.GetByTestId("kiosk-secret-save").ClickAsync();
            await kioskPage.GetByTestId("kiosk-sos-button").WaitForAsync();
            kiosks.Add((kioskId, kioskPage));
        }

        log.WriteLine($"media bench: {count} call(s): pages ready, pressing");
        var janus = JanusPid(data);
        var (_, rssBefore) = JanusUsage(janus);

        // Every kiosk presses at once; each press's time is the kiosk page's clock (the same machine's clock as the consoles').
        var pressed = await Task.WhenAll(kiosks.Select(k => k.Page.EvaluateAsync<double>("() => { const t = Date.now(); document.querySelector('[data-testid=kiosk-sos-button]').click(); return t; }")));
        var callIds = await Task.WhenAll(kiosks.Select(k => k.Page.EvaluateAsync<string>(
            "async () => { for (;;) { const s = await window.sosKiosk.stats(); if (s.callId) { return s.callId; } await new Promise(r => setTimeout(r, 20)); } }")));
        var pressedAt = callIds.Select((id, i) => (id, pressed[i])).ToDictionary(p => p.id, p => p.Item2);

        var results = await Task.WhenAll(dispatchers.Select(async page =>
        {
            var card = page.GetByTestId("incoming-call");
            await card.WaitForAsync();
            var callId = await card.GetAttributeAsync("data-call-id") ?? throw new InvalidOperationException("no call id on the card");
            var firstFrame = await page.EvaluateAsync<double>(FirstFrameScript, callId);

            // An overloaded console may have lost the ring (its lease, the ring timeout): that call is not answered here.
            var answered = await page.EvaluateAsync<double>("() => { const b = document.querySelector('[data-testid=accept-call]'); if (!b) { return -1; } const t = Date.now(); b.click(); return t; }");
            if (answered < 0)
            {
                log.WriteLine($"media bench: call {callId}: no longer ringing its console when answered");
                return (CallId: callId, PressToFrame: Reached(firstFrame, pressedAt[callId]), AnswerToFrame: (double?)null, AnswerToVoice: (double?)null);
            }

            var activeFrame = await page.EvaluateAsync<double>(ActiveFrameScript);
            var kiosk = kiosks[Array.IndexOf(callIds, callId)].Page;
            var voice = await kiosk.EvaluateAsync<double>("async () => { const end = Date.now() + 60000; while (Date.now() < end) { const s = await window.sosKiosk.stats(); if (s.audioPacketsReceived > 0 && s.audioLevel > 0) { return Date.now(); } await new Promise(r => setTimeout(r, 20)); } return -1; }");
            log.WriteLine($"media bench: call {callId}: frame {firstFrame - pressedAt[callId]:0} ms after the press, {activeFrame - answered:0} ms after the answer, voice {voice - answered:0} ms after it");
            return (CallId: callId, PressToFrame: Reached(firstFrame, pressedAt[callId]), AnswerToFrame: Reached(activeFrame, answered), AnswerToVoice: Reached(voice, answered));
        }));

        log.WriteLine($"media bench: {count} call(s) connected; holding them {seconds} s");
        var (cpuConnected, _) = JanusUsage(janus);
        var held = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var (cpuAfter, rssAfter) = JanusUsage(janus);
        var cpuPercent = (cpuAfter - cpuConnected) / held.Elapsed.TotalSeconds * 100;
        var losses = await Task.WhenAll(dispatchers.Select((page, i) => page.EvaluateAsync<JsonElement>($"() => window.sosMedia.stats('{results[i].CallId}')")));
        double lost = losses.Sum(s => s.GetProperty("packetsLost").GetDouble()), received = losses.Sum(s => s.GetProperty("packetsReceived").GetDouble());

        // Hung up from the page's script: an overloaded browser may not settle a pointer click within a minute.
        foreach (var (kioskId, page) in kiosks)
        {
            try
            {
                await page.EvaluateAsync("() => document.querySelector('[data-testid=kiosk-hang-up]').click()");
            }
            catch (PlaywrightException exception)
            {
                log.WriteLine($"media bench: kiosk {kioskId} could not hang up: {exception.Message}");
            }
        }

        // The evidence jobs run before the next round, so they do not weigh on its figures; their size per second of call
        // is what the README's disk figure comes from.
        var evidenceRates = new List<double>();
        foreach (var callId in callIds)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
            EvidenceSnapshot? evidence = null;
            while (DateTime.UtcNow < deadline)
            {
                try
                {
                    evidence = await client.GetEvidence(Guid.Parse(callId)).GetAsync();
                    if (evidence.Status is not (EvidenceStatus.None or EvidenceStatus.Pending))
                    {
                        break;
                    }
                }
                catch (TimeoutException)
                {
                    // The machine is overloaded; ask again.
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }

            var session = await client.GetMediaSession(Guid.Parse(callId)).GetAsync();
            if (evidence is { Status: EvidenceStatus.Kept } kept && session.EndedAt is { } ended)
            {
                evidenceRates.Add(kept.Files.Sum(f => f.Bytes) / (ended - session.OpenedAt).TotalSeconds);
            }
        }

        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }

        // A figure that never came within a minute counts as the slowest; the row says how many of the calls reached it.
        static string Ms(IEnumerable<double?> values, double p)
        {
            var all = values.ToArray();
            var sorted = all.Select(v => v ?? double.PositiveInfinity).Order().ToArray();
            var value = sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];
            var missed = all.Count(v => v is null);
            return (double.IsInfinity(value) ? "> 60000" : value.ToString("0", CultureInfo.InvariantCulture)) + (missed > 0 && p == 0.95 ? $" ({missed} never)" : string.Empty);
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"| {count} | {Ms(results.Select(r => r.PressToFrame), 0.5)} / {Ms(results.Select(r => r.PressToFrame), 0.95)} ms | {Ms(results.Select(r => r.AnswerToFrame), 0.5)} / {Ms(results.Select(r => r.AnswerToFrame), 0.95)} ms | " +
            $"{Ms(results.Select(r => r.AnswerToVoice), 0.5)} / {Ms(results.Select(r => r.AnswerToVoice), 0.95)} ms | {(lost + received == 0 ? 0 : 100 * lost / (lost + received)):0.00} % | " +
            $"{cpuPercent / count:0.0} % of a core | {(rssAfter - rssBefore) / 1024.0 / 1024 / count:0.0} MiB | {(evidenceRates.Count == 0 ? 0 : evidenceRates.Average() / 1000):0} kB/s |");
    }

    private static double? Reached(double at, double since) => at < 0 ? null : at - since;

    private const string FirstFrameScript = """
        async callId => { const end = Date.now() + 60000; while (Date.now() < end) { const s = await window.sosMedia.stats(callId); if (s.framesDecoded > 0 && s.videoWidth > 0) { return Date.now(); } await new Promise(r => setTimeout(r, 10)); } return -1; }
        """;

    private const string ActiveFrameScript = """
        async () => {
            const end = Date.now() + 60000;
            while (Date.now() < end) {
                const video = document.querySelector('[data-testid=active-call] video');
                if (video && video.videoWidth > 0) {
                    return await new Promise(resolve => { video.requestVideoFrameCallback(() => resolve(Date.now())); setTimeout(() => resolve(-1), 10000); });
                }
                await new Promise(r => setTimeout(r, 10));
            }
            return -1;
        }
        """;

    private static async Task<int> InNamespaceAsync(IReadOnlyList<int> counts, int seconds)
    {
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, WorkingDirectory = RepositoryRoot() };
        foreach (var argument in new[] { "scripts/netns.sh", "dotnet", typeof(MediaBench).Assembly.Location, "media", "--calls", string.Join(',', counts), "--seconds", seconds.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("unshare did not start");
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    private static Process StartConsole(string root, string data, int http, int silo, int gateway, string clusterId, string address, TextWriter log)
    {
        var dll = Path.Combine(root, "Sos.Console", "bin", "Release", "net10.0", "Sos.Console.dll");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["--urls"] = $"http://127.0.0.1:{http}",
            ["--Sos:Mode"] = "Embedded",
            ["--Sos:DataDirectory"] = data,
            ["--Sos:Silo:SiloPort"] = silo.ToString(CultureInfo.InvariantCulture),
            ["--Sos:Silo:GatewayPort"] = gateway.ToString(CultureInfo.InvariantCulture),
            ["--Sos:Silo:ClusterId"] = clusterId,
            ["--Sos:Media:Address"] = address,
            ["--Sos:Media:Janus:Port"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["--Sos:Routing:RingTimeout"] = "00:01:00",

            // Every simulated dispatcher signs in from 127.0.0.1.
            ["--Sos:Console:SignInAttemptsPerMinute"] = "100000",
        })
        {
            start.ArgumentList.Add(key);
            start.ArgumentList.Add(value);
        }

        // As `dotnet run` runs it: static assets served from the build output.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var process = Process.Start(start) ?? throw new InvalidOperationException("the console did not start");
        var ready = new ManualResetEventSlim();
        process.OutputDataReceived += (_, e) => { if (e.Data?.Contains("Demo data ready", StringComparison.Ordinal) == true) { ready.Set(); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line && line.Contains("fail", StringComparison.OrdinalIgnoreCase)) { log.WriteLine(line); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!ready.Wait(TimeSpan.FromSeconds(90)))
        {
            throw new InvalidOperationException("the console did not start within 90 s");
        }

        return process;
    }

    private static async Task<IHost> ClientAsync(int gateway, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sos:Mode"] = "Embedded",
            ["Sos:Silo:GatewayPort"] = gateway.ToString(CultureInfo.InvariantCulture),
            ["Sos:Silo:ClusterId"] = clusterId,
        });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client.UseSosClient());
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>The console's Janus: the process started with the configuration in the bench's data directory.</summary>
    private static int JanusPid(string data)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            foreach (var dir in Directory.GetDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(dir), out var pid))
                {
                    try
                    {
                        var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                        if (cmdline.Contains("janus", StringComparison.Ordinal) && cmdline.Contains(data, StringComparison.Ordinal))
                        {
                            return pid;
                        }
                    }
                    catch (IOException)
                    {
                        // Gone meanwhile.
                    }
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("the console's Janus is not running");
            }

            Thread.Sleep(200);
        }
    }

    /// <summary>Janus' CPU seconds so far (user + system) and its resident memory in bytes.</summary>
    private static (double CpuSeconds, long RssBytes) JanusUsage(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        var rss = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kb = long.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return (ticks / 100.0, kb * 1024);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sos.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Sos.sln not found above the benchmark's build output");
    }
}
