using Sos.Console.Hosting;
using Microsoft.Playwright;
using Sos.Grains.Abstractions;
using Sos.Tests.Infrastructure;

namespace Sos.Tests.Browser;

/// <summary>
/// The console under test and a headless Debian Chromium driven by Playwright (never a browser Playwright downloads).
/// Each test makes its own centre, accounts and kiosks, and its own browser contexts (fresh cookies).
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    /// <summary>The password of every account the tests create.</summary>
    public const string Password = "correct-horse-1";

    /// <summary>Debian's Chromium.</summary>
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>The exchange key the fixture's console gives the "records-system" (another police system reading EIDOs).</summary>
    public const string ExchangeKey = "test-exchange-key-0123456789abcdef";

    private IPlaywright? playwright;
    private IBrowser? browser;
    private ConsoleApp? app;

    private readonly TestBrowserContexts contexts = new();

    /// <summary>The running console.</summary>
    public ConsoleApp App => app ?? throw new InvalidOperationException("Not started.");

    /// <summary>An Orleans client of the console's silo.</summary>
    public IClusterClient Client => App.Client;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(15_000);
        app = await ConsoleApp.StartAsync(new Dictionary<string, string> { [$"{IncidentExchange.KeysSection}:records-system"] = ExchangeKey });
        playwright = await Playwright.CreateAsync();

        browser = await LaunchChromiumAsync(playwright);
    }

    /// <summary>
    /// Debian's headless Chromium with the flags it needs as root here, and <paramref name="extra"/> ones (the media
    /// tests' fake camera and microphone). Playwright gives every launch a new, empty user-data directory of its own.
    /// </summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright, params string[] extra) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--autoplay-policy=no-user-gesture-required", .. extra,
            ],
        });

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

    /// <summary>A new browser context (its own cookies) and page on the console.</summary>
    public Task<IPage> NewPageAsync() => NewPageAsync(App.Address);

    /// <summary>A fresh browser context (no cookies) on another console than the fixture's.</summary>
    public async Task<IPage> NewPageAsync(Uri address)
    {
        var context = await contexts.NewAsync(browser!, new BrowserNewContextOptions
        {
            BaseURL = address.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        return await context.NewPageAsync();
    }

    /// <summary>A fresh browser context emulating a phone (size, touch, mobile user agent) whose location is <paramref name="latitude"/>, <paramref name="longitude"/> (allowed to the page).</summary>
    public async Task<IPage> NewPhonePageAsync(double latitude, double longitude)
    {
        var context = await contexts.NewAsync(browser!, PhoneContext(App.Address, new Geolocation { Latitude = (float)latitude, Longitude = (float)longitude, Accuracy = 8 }));
        return await context.NewPageAsync();
    }

    /// <summary>A browser context as a phone on <paramref name="address"/> at <paramref name="at"/>: its size, touch and user agent, allowed its place and <paramref name="permissions"/>.</summary>
    public static BrowserNewContextOptions PhoneContext(Uri address, Geolocation at, params string[] permissions) => new()
    {
        BaseURL = address.ToString(),
        ViewportSize = new ViewportSize { Width = 412, Height = 860 },
        IsMobile = true,
        HasTouch = true,
        DeviceScaleFactor = 2,
        UserAgent = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36",
        Geolocation = at,
        Permissions = ["geolocation", .. permissions],
    };

    /// <summary>On the active call: records <paramref name="unit"/> as the patrol sent and closes the call into wrap-up.</summary>
    public static async Task ClosePatrolSentAsync(IPage console, string unit)
    {
        await console.Locator("[data-testid=patrol-unit] input, input[data-testid=patrol-unit]").FillAsync(unit);
        await console.GetByTestId("patrol-sent").ClickAsync();
        await Assertions.Expect(console.GetByTestId("patrol-recorded")).ToContainTextAsync(unit);
        await console.GetByTestId("close-call").ClickAsync();
        await Assertions.Expect(console.GetByTestId("wrap-up")).ToBeVisibleAsync();
    }

    /// <summary>A fresh operations-centre id.</summary>
    public static string NewCentre() => $"centre-{Guid.NewGuid():N}"[..20];

    /// <summary>Creates an account with a fresh login in the centre.</summary>
    public async Task<string> CreateAccountAsync(string centreId, string name, params AccountRole[] roles)
    {
        var login = $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)];
        await TestAccounts.CreateAsync(Client, login, new AccountProfile(name, [.. roles], centreId), Password);
        return login;
    }

    /// <summary>Registers a patrol unit of the centre with its crew, at the given place (a fix <paramref name="fixAge"/> old), in <paramref name="status"/>.</summary>
    public async Task<string> AddUnitAsync(string unitId, string centre, string[] crew, double latitude, double longitude, UnitStatus status, TimeSpan? fixAge = null)
    {
        var unit = Client.GetUnit(unitId);
        await unit.RegisterAsync(new UnitProfile(unitId, UnitKind.Car, "Central", centre, [.. crew]), Actors.Tool("test"));
        await unit.ReportPositionAsync(new GeoFix(latitude, longitude, 10, DateTimeOffset.UtcNow - (fixAge ?? TimeSpan.Zero), "avl"));
        await unit.SetStatusAsync(status, Actors.Tool("test"));
        return unitId;
    }

    /// <summary>Registers an in-service kiosk with a fresh id in the centre.</summary>
    public async Task<IKioskGrain> AddKioskAsync(string centreId, string name, string address, string district, double latitude = 52.288, double longitude = 76.942)
    {
        var kioskId = $"kiosk-{Guid.NewGuid():N}"[..14];
        var kiosk = Client.GetKiosk(kioskId);
        await kiosk.RegisterAsync(new KioskRegistration(name, address, latitude, longitude, district, centreId), Actors.Tool("test"));
        await kiosk.ChangeLifecycleAsync(KioskLifecycle.InService, Actors.Tool("test"));
        await Client.GetKioskDirectory(centreId).AddAsync(kioskId);
        return kiosk;
    }

    /// <summary>Signs in through the sign-in page and waits until the start page's circuit is up.</summary>
    public static async Task SignInAsync(IPage page, string login, string password = Password)
    {
        await page.GotoAsync("/login");
        await page.GetByTestId("login-user").FillAsync(login);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToBeVisibleAsync();
    }

    /// <summary>Saves a screenshot into TestResults/screenshots/ (the README's pictures are copied from there by hand).</summary>
    public static async Task ScreenshotAsync(IPage page, string fileName)
    {
        // Under TestResults (ignored by git): a test run never changes tracked files. The README's pictures are
        // copies taken from such a run by hand.
        var directory = Path.Combine(RepositoryRoot.Path, "TestResults", "screenshots");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, fileName) });
    }
}
