using Microsoft.Playwright;
using Sos.Grains.Abstractions;
using Sos.Tests.Infrastructure;
using Sos.Tests.Browser;

namespace Sos.Tests.Media;

/// <summary>
/// The console with real media: its own Janus (started and supervised by the console, as the README's run command
/// does) offering media on the private address of the network namespace <c>scripts/media-tests.sh</c> makes, and a
/// headless Chromium with fake camera and microphone for the kiosk page and the dispatcher console. Janus never
/// offers media on loopback, so these tests run only inside that namespace (<c>SOS_TEST_MEDIA_ADDRESS</c>).
/// </summary>
public sealed class MediaFixture : IAsyncLifetime
{
    /// <summary>The environment variable that holds the namespace's media address.</summary>
    public const string AddressVariable = "SOS_TEST_MEDIA_ADDRESS";

    private IPlaywright? playwright;
    private IBrowser? browser;
    private readonly TestBrowserContexts contexts = new();
    private ConsoleApp? app;

    /// <summary>The running console.</summary>
    public ConsoleApp App => app ?? throw new InvalidOperationException("Not started.");

    /// <summary>An Orleans client of the console's silo.</summary>
    public IClusterClient Client => App.Client;

    /// <summary>The address media is offered on.</summary>
    public static string Address => Environment.GetEnvironmentVariable(AddressVariable) is { Length: > 0 } address
        ? address
        : throw new InvalidOperationException($"Media tests run inside the network namespace of scripts/media-tests.sh, which sets {AddressVariable}.");

    /// <summary>
    /// Where test help-point stations listen: the media address too (their own ports). Janus' SIP plugin takes a
    /// station's RTP only from the address in its SDP, and a station bound to the namespace's other local address would
    /// send from this one (the kernel's choice for a local destination), as ../shared/MEDIA.md's pitfall 4 says.
    /// </summary>
    public static string StationAddress => Address;

    /// <summary>The UDP port of the console's own SIP server (kamailio) on <see cref="Address"/>.</summary>
    public int SipPort { get; } = Sos.Simulator.Chaos.FreePorts.Next();

    /// <summary>The JSON-RPC port of the console's own SIP server on 127.0.0.1.</summary>
    public int RpcPort { get; } = Sos.Simulator.Chaos.FreePorts.Next();

    /// <summary>The console's own SIP server, where stations send their presses.</summary>
    public string SipServer => $"sip:sos@{Address}:{SipPort}";

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(20_000);
        app = await ConsoleApp.StartAsync(new Dictionary<string, string>
        {
            ["Sos:Media:Enabled"] = "true",
            ["Sos:Media:Address"] = Address,
            ["Sos:Media:Janus:Port"] = Sos.Simulator.Chaos.FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sos:Media:RtpPorts"] = "20000-20999",
            ["Sos:Media:StationAnswerTimeout"] = "00:00:08",
            ["Sos:Stations:SipPort"] = SipPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sos:Stations:RpcPort"] = RpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sos:Stations:ProbeInterval"] = "00:00:02",
        });
        playwright = await Playwright.CreateAsync();
        browser = await ConsoleFixture.LaunchChromiumAsync(playwright, "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    /// <summary>A new browser context (its own storage) and page on the console (or <paramref name="console"/>), allowed the camera and microphone.</summary>
    public async Task<IPage> NewPageAsync(ConsoleApp? console = null)
    {
        var context = await contexts.NewAsync(browser!, new BrowserNewContextOptions
        {
            BaseURL = (console ?? App).Address.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            Permissions = ["camera", "microphone"],
        });
        return await context.NewPageAsync();
    }

    /// <summary>A fresh browser context emulating a phone at <paramref name="latitude"/>, <paramref name="longitude"/>, allowed its place, camera and microphone.</summary>
    public async Task<IPage> NewPhonePageAsync(double latitude, double longitude)
    {
        var context = await contexts.NewAsync(browser!, ConsoleFixture.PhoneContext(App.Address, new Geolocation { Latitude = (float)latitude, Longitude = (float)longitude, Accuracy = 12 }, "camera", "microphone"));
        return await context.NewPageAsync();
    }

    /// <summary>Creates a dispatcher with a fresh login in the centre (of the console, or of <paramref name="client"/>'s).</summary>
    public Task<string> CreateDispatcherAsync(string centreId, IClusterClient? client = null) =>
        CreateAccountAsync(centreId, "dispatcher", client, AccountRole.Dispatcher);

    /// <summary>Creates an account with a fresh login and these roles in the centre.</summary>
    public async Task<string> CreateAccountAsync(string centreId, string name, IClusterClient? client, params AccountRole[] roles)
    {
        var login = $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)];
        await TestAccounts.CreateAsync(client ?? Client, login, new AccountProfile(name, [.. roles], centreId), ConsoleFixture.Password);
        return login;
    }

    /// <summary>Registers an in-service SIP intercom (with <paramref name="camera"/>, if any) in the centre; returns its kiosk grain.</summary>
    public async Task<IKioskGrain> AddIntercomAsync(string centreId, string name, string address, SipStation station, KioskCamera? camera = null)
    {
        var kiosk = Client.GetKiosk($"intercom-{Guid.NewGuid():N}"[..17]);
        await kiosk.RegisterAsync(new KioskRegistration(
            name, address, 52.287, 76.955, "Central", centreId, Language: Languages.English,
            MediaKind: KioskMediaKind.SipIntercom, Sip: station, Camera: camera), Actors.Tool("test"));
        await kiosk.ChangeLifecycleAsync(KioskLifecycle.InService, Actors.Tool("test"));
        await Client.GetKioskDirectory(centreId).AddAsync(kiosk.GetPrimaryKeyString());
        return kiosk;
    }

    /// <summary>Registers an in-service kiosk in the centre and issues its secret.</summary>
    public async Task<(string KioskId, string Secret)> AddKioskAsync(string centreId, IClusterClient? client = null)
    {
        client ??= Client;
        var kioskId = $"kiosk-{Guid.NewGuid():N}"[..14];
        var kiosk = client.GetKiosk(kioskId);
        await kiosk.RegisterAsync(new KioskRegistration("Central Embankment", "Irtysh embankment, at the river station", 52.288, 76.942, "Central", centreId, Language: Languages.English), Actors.Tool("test"));
        await kiosk.ChangeLifecycleAsync(KioskLifecycle.InService, Actors.Tool("test"));
        await client.GetKioskDirectory(centreId).AddAsync(kioskId);
        return (kioskId, await kiosk.IssueSecretAsync(Actors.Tool("test")));
    }
}
