using System.Text.RegularExpressions;
using Sos.Grains.Abstractions;
using Sos.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sos.Tests.Browser;

[Collection(ConsoleCollection.Name)]
public sealed class AdminPagesTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task AdminRegistersAKioskAndPutsItInService()
    {
        var centre = ConsoleFixture.NewCentre();
        var admin = await fixture.CreateAccountAsync(centre, "admin", AccountRole.Admin);
        var kioskId = $"pvl-test-{Guid.NewGuid():N}"[..17];
        var page = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(page, admin);
        await page.GetByTestId("nav-kiosks").ClickAsync();

        await page.GetByTestId("kiosk-register").ClickAsync();
        await Field(page, "kiosk-id").FillAsync(kioskId);
        await Field(page, "kiosk-name").FillAsync("Riverside Park");
        await Field(page, "kiosk-address").FillAsync("By the playground");
        await Field(page, "kiosk-district").FillAsync("Northern");

        // Nothing is pre-filled where the kiosk stands: it cannot be saved without coordinates, nor with impossible ones.
        await Expect(Field(page, "kiosk-latitude")).ToHaveValueAsync(string.Empty);
        await Expect(page.GetByTestId("kiosk-save")).ToBeDisabledAsync();
        await Field(page, "kiosk-latitude").FillAsync("95");
        await Field(page, "kiosk-longitude").FillAsync("76.9512");
        await Expect(page.GetByTestId("kiosk-coordinates-state")).ToContainTextAsync("A latitude is between -90 and 90");
        await Expect(page.GetByTestId("kiosk-save")).ToBeDisabledAsync();
        await Field(page, "kiosk-latitude").FillAsync("52.2974");
        await Expect(page.GetByTestId("kiosk-save")).ToBeEnabledAsync();
        await page.GetByTestId("kiosk-save").ClickAsync();

        var row = page.Locator($"[data-testid=kiosk-row][data-kiosk-id='{kioskId}']");
        await Expect(row.GetByTestId("kiosk-lifecycle")).ToHaveTextAsync("Commissioning");

        // A lifecycle change says what it means and asks first; cancelling changes nothing.
        await row.GetByTestId("kiosk-to-Decommissioned").ClickAsync();
        await Expect(page.GetByTestId("lifecycle-consequence")).ToContainTextAsync("removed from service for good");
        await page.GetByTestId("lifecycle-cancel").ClickAsync();
        await Expect(row.GetByTestId("kiosk-lifecycle")).ToHaveTextAsync("Commissioning");
        await row.GetByTestId("kiosk-to-InService").ClickAsync();
        await page.GetByTestId("lifecycle-confirm-yes").ClickAsync();
        await Expect(row.GetByTestId("kiosk-lifecycle")).ToHaveTextAsync("In service");
        var kiosk = await fixture.Client.GetKiosk(kioskId).GetAsync();
        Assert.Equal(KioskLifecycle.InService, kiosk.Lifecycle);
        Assert.Equal(new KioskRegistration("Riverside Park", "By the playground", 52.2974, 76.9512, "Northern", centre, Language: "ru"), kiosk.Registration);
    }

    [Fact]
    public async Task AdminRegistersASipIntercomWithItsCameraWhosePasswordIsNeverShownAgain()
    {
        var centre = ConsoleFixture.NewCentre();
        var admin = await fixture.CreateAccountAsync(centre, "admin", AccountRole.Admin);
        var kioskId = $"pvl-sip-{Guid.NewGuid():N}"[..16];
        var page = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(page, admin);
        await page.GetByTestId("nav-kiosks").ClickAsync();

        await page.GetByTestId("kiosk-register").ClickAsync();
        await Field(page, "kiosk-id").FillAsync(kioskId);
        await Field(page, "kiosk-name").FillAsync("Bus station help point");
        await Field(page, "kiosk-address").FillAsync("Bus station, platform 2");
        await Field(page, "kiosk-district").FillAsync("Central");
        await Field(page, "kiosk-latitude").FillAsync("52.2850");
        await Field(page, "kiosk-longitude").FillAsync("76.9560");
        await page.GetByTestId("kiosk-media-kind").ClickAsync();
        await page.GetByText("SIP intercom", new() { Exact = true }).ClickAsync();
        await Expect(Field(page, "kiosk-sip-codecs")).ToHaveValueAsync("opus, G722, PCMA, PCMU");

        // A camera URL with the password in it is refused with a reason, and nothing is registered.
        await Field(page, "kiosk-sip-uri").FillAsync("sip:hp-bus-2@10.77.0.20:5060");
        await Field(page, "kiosk-sip-codecs").FillAsync("G722, PCMA");
        await Field(page, "kiosk-sip-press-code").FillAsync("*1");
        await Field(page, "kiosk-camera-url").FillAsync("rtsp://admin:secret@10.77.0.21:8554/help-point");
        await page.GetByTestId("kiosk-save").ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("without a user or password");
        Assert.False((await fixture.Client.GetKiosk(kioskId).GetAsync()).IsRegistered);

        await Field(page, "kiosk-camera-url").FillAsync("rtsp://10.77.0.21:8554/help-point");
        await Field(page, "kiosk-camera-user").FillAsync("operator");
        await Field(page, "kiosk-camera-password").FillAsync("camera-pass-7Qx!");
        await page.GetByTestId("kiosk-save").ClickAsync();
        var row = page.Locator($"[data-testid=kiosk-row][data-kiosk-id='{kioskId}']");
        await Expect(row.GetByTestId("kiosk-media")).ToContainTextAsync("SIP intercom · sip:hp-bus-2@10.77.0.20:5060 · camera");

        // Opened again, the dialog says the credentials are set and shows no password.
        await row.GetByTestId("kiosk-edit").ClickAsync();
        await Expect(Field(page, "kiosk-sip-uri")).ToHaveValueAsync("sip:hp-bus-2@10.77.0.20:5060");
        await Expect(Field(page, "kiosk-camera-password")).ToHaveValueAsync(string.Empty);
        await Expect(page.Locator(".mud-dialog")).ToContainTextAsync("never shown");
        Assert.DoesNotContain("camera-pass-7Qx!", await page.ContentAsync(), StringComparison.Ordinal);
        var kiosk = await fixture.Client.GetKiosk(kioskId).GetAsync();
        Assert.Equal((KioskMediaKind.SipIntercom, "*1", "rtsp://10.77.0.21:8554/help-point"), (kiosk.Registration!.MediaKind, kiosk.Registration.Sip!.PressCode, kiosk.Registration.Camera!.RtspUrl));
        Assert.Equal(["G722", "PCMA"], kiosk.Registration.Sip.Codecs);
        Assert.NotNull(kiosk.CameraCredentialsSetAt);
        await ConsoleFixture.ScreenshotAsync(page, "admin-sip-intercom.png");
    }

    [Fact]
    public async Task AdminMakesASipIntercomRegisterWithAPasswordThatIsNeverShownAgain()
    {
        var centre = ConsoleFixture.NewCentre();
        var admin = await fixture.CreateAccountAsync(centre, "admin", AccountRole.Admin);
        var kiosk = await fixture.AddKioskAsync(centre, "Ferry help point", "Ferry pier", "Central");
        var kioskId = kiosk.GetPrimaryKeyString();
        var page = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(page, admin);
        await page.GetByTestId("nav-kiosks").ClickAsync();
        var row = page.Locator($"[data-testid=kiosk-row][data-kiosk-id='{kioskId}']");
        await row.GetByTestId("kiosk-edit").ClickAsync();
        await page.GetByTestId("kiosk-media-kind").ClickAsync();
        await page.GetByText("SIP intercom", new() { Exact = true }).ClickAsync();
        await Field(page, "kiosk-sip-uri").FillAsync("sip:hp-ferry-1@sos.police.example");

        // The password field is there only for a station that registers; a short one is refused with a reason.
        await Expect(page.GetByTestId("kiosk-sip-password")).ToHaveCountAsync(0);
        await page.GetByTestId("kiosk-sip-registers").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToContainTextAsync("cannot register until it is");
        await Field(page, "kiosk-sip-password").FillAsync("short");
        await page.GetByTestId("kiosk-save").ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("8–200 characters");
        Assert.Null((await kiosk.GetAsync()).SipPasswordSetAt);
        Assert.Null(await kiosk.SipPasswordAsync());

        await Field(page, "kiosk-sip-password").FillAsync("ferry-Station-77");
        await page.GetByTestId("kiosk-save").ClickAsync();
        await Expect(row.GetByTestId("kiosk-media")).ToContainTextAsync("SIP intercom · sip:hp-ferry-1@sos.police.example");
        var saved = await kiosk.GetAsync();
        Assert.True(saved.Registration!.Sip!.Registers);
        Assert.NotNull(saved.SipPasswordSetAt);
        Assert.Equal("ferry-Station-77", await kiosk.SipPasswordAsync());

        // Opened again: set, never shown.
        await row.GetByTestId("kiosk-edit").ClickAsync();
        await Expect(Field(page, "kiosk-sip-password")).ToHaveValueAsync(string.Empty);
        await Expect(page.Locator(".mud-dialog")).ToContainTextAsync("never shown");
        Assert.DoesNotContain("ferry-Station-77", await page.ContentAsync(), StringComparison.Ordinal);
        await ConsoleFixture.ScreenshotAsync(page, "admin-sip-intercom-registers.png");

        // No longer registering: the password goes with it.
        await kiosk.RegisterAsync(saved.Registration with { Sip = saved.Registration.Sip with { Registers = false } }, Actors.Tool("test"));
        Assert.Null((await kiosk.GetAsync()).SipPasswordSetAt);
        Assert.Null(await kiosk.SipPasswordAsync());
    }

    [Fact]
    public async Task AdminAsksAKioskForATestCallAndHandlesTheMaintenanceTicketItsFailureOpens()
    {
        var centre = ConsoleFixture.NewCentre();
        var admin = await fixture.CreateAccountAsync(centre, "admin", AccountRole.Admin);
        var kiosk = await fixture.AddKioskAsync(centre, "Riverside Park", "By the playground", "Northern");
        var kioskId = kiosk.GetPrimaryKeyString();
        var page = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(page, admin);
        await page.GetByTestId("nav-kiosks").ClickAsync();
        var row = page.Locator($"[data-testid=kiosk-row][data-kiosk-id='{kioskId}']");
        await Expect(row.GetByTestId("kiosk-tests")).ToContainTextAsync("next ");

        await row.GetByTestId("kiosk-test").ClickAsync();

        await Expect(row.GetByTestId("kiosk-tests")).ToHaveAttributeAsync("data-outcome", "pending");
        await Expect(row.GetByTestId("kiosk-test")).ToBeDisabledAsync();
        var asked = (await kiosk.GetAsync()).Maintenance.PendingTest!;
        Assert.Equal((KioskTestTrigger.Requested, Actors.Operator(admin)), (asked.Trigger, asked.RequestedBy));

        // The kiosk answers (as its device would, over the device API): its camera gives no picture.
        await kiosk.ReportTestAsync(asked.TestId, new KioskSelfTest(false, true, null, "camera dark"));
        await Expect(row.GetByTestId("kiosk-tests")).ToHaveAttributeAsync("data-outcome", nameof(KioskTestOutcome.Failed));
        await Expect(row.GetByTestId("kiosk-open-ticket")).ToHaveTextAsync("Ticket #1 open");
        await row.GetByTestId("kiosk-open-ticket").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/admin/maintenance$"));
        var ticket = page.Locator($"[data-testid=ticket-row][data-kiosk-id='{kioskId}']");
        await Expect(ticket.GetByTestId("ticket-problems")).ToContainTextAsync("test call failed: the camera gave no picture");
        await Expect(ticket.GetByTestId("ticket-assignee")).ToHaveTextAsync("nobody yet");
        await ticket.GetByTestId("ticket-assign").ClickAsync();
        await Field(page, "ticket-technician").FillAsync("Serik, field team 2");
        await page.GetByTestId("ticket-assign-save").ClickAsync();
        await Expect(ticket.GetByTestId("ticket-assignee")).ToHaveTextAsync("Serik, field team 2");
        await ConsoleFixture.ScreenshotAsync(page, "maintenance-tickets.png");

        await ticket.GetByTestId("ticket-close").ClickAsync();
        await Expect(page.GetByTestId("ticket-close-save")).ToBeDisabledAsync();
        await page.Locator("[data-testid=ticket-resolution] textarea, textarea[data-testid=ticket-resolution]").FillAsync("Camera replaced");
        await page.GetByTestId("ticket-close-save").ClickAsync();
        await Expect(ticket).ToHaveCountAsync(0);
        await page.GetByTestId("tickets-show-closed").ClickAsync();
        await Expect(ticket).ToHaveAttributeAsync("data-ticket-state", "closed");
        await Expect(ticket.GetByTestId("ticket-resolution-shown")).ToContainTextAsync("Camera replaced");

        // The kiosk's history holds it all: the test call and the ticket's steps, with who did them.
        await page.GetByTestId("nav-kiosks").ClickAsync();
        await row.GetByTestId("kiosk-history").ClickAsync();
        var history = page.GetByTestId("kiosk-history-list");
        await Expect(history.Locator("[data-testid=kiosk-history-entry][data-kind=test]")).ToContainTextAsync("Test call (asked by an administrator): failed");
        await Expect(history.Locator("[data-testid=kiosk-history-entry][data-kind=ticket]")).ToHaveCountAsync(3);
        await Expect(history).ToContainTextAsync($"Camera replaced ({admin})");
        await ConsoleFixture.ScreenshotAsync(page, "kiosk-history.png");
        var closed = Assert.Single((await kiosk.GetAsync()).Maintenance.Tickets);
        Assert.Equal("Camera replaced", closed.Resolution);
    }

    [Fact]
    public async Task AdminAddsAnIncidentTypeRetiresAnotherAndChangesTheNumberPrefix()
    {
        var centre = ConsoleFixture.NewCentre();
        var admin = await fixture.CreateAccountAsync(centre, "admin", AccountRole.Admin);
        var page = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(page, admin);
        await page.GotoAsync("/admin/centre");
        await page.GetByTestId("centre-incident-types").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/incident-types$"));
        await Expect(page.Locator("[data-testid=incident-type-row][data-code=assault]")).ToContainTextAsync("Assault / violence");

        await page.GetByTestId("incident-type-new").ClickAsync();
        await Field(page, "type-code").FillAsync("graffiti");
        await Field(page, "type-label-en").FillAsync("Graffiti on a kiosk");
        await Field(page, "type-label-ru").FillAsync("Граффити на киоске");
        await Field(page, "type-priority").FillAsync("4");
        await page.GetByTestId("type-save").ClickAsync();
        var added = page.Locator("[data-testid=incident-type-row][data-code=graffiti]");
        await Expect(added).ToContainTextAsync("Граффити на киоске");

        var seeded = page.Locator("[data-testid=incident-type-row][data-code=assault]");
        await seeded.GetByTestId("incident-type-edit").ClickAsync();
        await page.GetByTestId("type-retired").ClickAsync();
        await page.GetByTestId("type-save").ClickAsync();
        await Expect(seeded).ToHaveAttributeAsync("data-retired", "true");

        await Field(page, "incident-prefix").FillAsync("pvx");
        await page.GetByTestId("incident-prefix-save").ClickAsync();
        await Expect(Field(page, "incident-prefix")).ToHaveValueAsync("PVX");

        var register = fixture.Client.GetIncidentRegister(centre);
        var types = await register.TypesAsync();
        var graffiti = Assert.Single(types, t => t.Code == "graffiti");
        Assert.Equal((4, "Graffiti on a kiosk", "Граффити на киоске", false), (graffiti.DefaultPriority, graffiti.LabelIn("en"), graffiti.LabelIn("ru"), graffiti.Retired));
        Assert.True(Assert.Single(types, t => t.Code == "assault").Retired);
        Assert.Equal("PVX", await register.PrefixAsync());
    }

    [Fact]
    public async Task AdminCreatesAnAccountThatCanSignInAndDisablesIt()
    {
        var centre = ConsoleFixture.NewCentre();
        var admin = await fixture.CreateAccountAsync(centre, "admin", AccountRole.Admin);
        var login = $"new-{Guid.NewGuid():N}"[..12];
        var page = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(page, admin);
        await page.GetByTestId("nav-accounts").ClickAsync();

        await page.GetByTestId("account-create").ClickAsync();
        await Field(page, "account-login").FillAsync(login);
        await Field(page, "account-name").FillAsync("New Dispatcher");
        await Field(page, "account-password").FillAsync("first-password");
        await page.GetByTestId("account-save").ClickAsync();
        var row = page.Locator($"[data-testid=account-row][data-login='{login}']");
        await Expect(row).ToContainTextAsync("Dispatcher");

        var newcomer = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(newcomer, login, "first-password");
        await Expect(newcomer).ToHaveURLAsync(new Regex("/dispatch$"));

        await row.GetByTestId("account-toggle").ClickAsync();
        await page.GetByTestId("account-disable-confirm").ClickAsync();
        await Expect(row.GetByTestId("account-status")).ToHaveTextAsync("Disabled");

        // The open console finds out within its revalidation interval and goes to the sign-in page; then its cookie
        // opens no page either.
        await Expect(newcomer).ToHaveURLAsync(new Regex("/login"));
        await newcomer.GotoAsync("/history");
        await Expect(newcomer).ToHaveURLAsync(new Regex("/login"));
    }

    [Fact]
    public async Task ClusterPageListsTheSiloWithItsActivations()
    {
        var centre = ConsoleFixture.NewCentre();
        var admin = await fixture.CreateAccountAsync(centre, "admin", AccountRole.Admin);
        var page = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(page, admin);

        await page.GetByTestId("nav-cluster").ClickAsync();

        var silo = page.GetByTestId("silo-row").First;
        await Expect(silo.GetByTestId("silo-status")).ToHaveTextAsync("Active");
        await Expect(silo.GetByTestId("silo-activations")).ToHaveTextAsync(new Regex(@"^\d+$"));
    }

    [Fact]
    public async Task AdminSetsOverflowToAPartnerAndTheWallShowsThePartnersQueue()
    {
        var centre = ConsoleFixture.NewCentre();
        var partner = ConsoleFixture.NewCentre();
        var admin = await fixture.CreateAccountAsync(centre, "admin", AccountRole.Admin, AccountRole.Supervisor);
        await fixture.Client.GetOperator($"nurlan@{partner}").ChangePresenceAsync(partner, OperatorPresence.Available);
        var page = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(page, admin);
        await page.GetByTestId("nav-centre").ClickAsync();

        await Field(page, "centre-partners").FillAsync(partner);
        await Field(page, "centre-overflow-after").FillAsync("30");
        await Field(page, "centre-max-queue").FillAsync("12");
        await ConsoleFixture.ScreenshotAsync(page, "centre-settings.png");
        await page.GetByTestId("centre-save").ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Saved");

        var rules = (await fixture.Client.GetCentre(centre).GetAsync()).OverflowRules;
        Assert.Equal([partner], rules.Partners);
        Assert.Equal(TimeSpan.FromSeconds(30), rules.After);
        Assert.Equal(12, rules.MaxQueue);

        await page.GetByTestId("nav-wall").ClickAsync();
        var partnerRow = page.Locator($"[data-testid=wall-queue][data-centre-id='{partner}']");
        await Expect(partnerRow).ToContainTextAsync("partner");
        await Expect(partnerRow).ToHaveAttributeAsync("data-state", "Active");
        await Expect(page.Locator($"[data-testid=wall-queue][data-centre-id='{centre}']")).ToContainTextAsync("0 / 12");
        await ConsoleFixture.ScreenshotAsync(page, "wall-queues.png");
    }

    [Fact]
    public async Task AddressWithNoPageSaysSoWithA404WhileAdminOpensTheKioskList()
    {
        var centre = ConsoleFixture.NewCentre();
        var admin = await fixture.CreateAccountAsync(centre, "admin", AccountRole.Admin);
        var page = await fixture.NewPageAsync();

        // Health is open without sign-in, as JSON (a monitor, a load balancer), and never the not-found page.
        var ready = await page.APIRequest.GetAsync("/health/ready");
        Assert.Equal(200, ready.Status);
        Assert.Contains("\"storage\"", await ready.TextAsync(), StringComparison.Ordinal);

        // A page that does not exist says so, with the 404 status, and leads back.
        await ConsoleFixture.SignInAsync(page, admin);
        var response = await page.GotoAsync("/no-such-page");
        Assert.Equal(404, response!.Status);
        await Expect(page.GetByTestId("status-page")).ToContainTextAsync("Page not found");
        response = await page.GotoAsync("/dispatch/nowhere");
        Assert.Equal(404, response!.Status);
        await Expect(page.GetByTestId("status-page")).ToHaveAttributeAsync("data-status", "404");
        await Expect(page.GetByTestId("signed-in-as")).ToContainTextAsync(admin);

        // The device API keeps answering problems as problem+json.
        var api = await page.APIRequest.GetAsync("/api/v1/no-such-endpoint");
        Assert.Equal(404, api.Status);
        Assert.StartsWith("application/problem+json", api.Headers["content-type"], StringComparison.Ordinal);

        await page.GotoAsync("/admin");
        await Expect(page.GetByTestId("kiosk-table")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SignInAttemptsBeyondTheLimitFromOneAddressAreRefusedUntriedAndTheSignInPageSaysToWait()
    {
        await using var app = await ConsoleApp.StartAsync(new Dictionary<string, string> { ["Sos:Console:SignInAttemptsPerMinute"] = "3" });
        var page = await fixture.NewPageAsync(app.Address);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await TryAsync(page, "dispatcher1", "wrong-password");
            await Expect(page.GetByTestId("login-error")).ToContainTextAsync("Sign-in failed");
        }

        // The fourth within the minute is not tried, not even with the right password.
        await TryAsync(page, "dispatcher1", Sos.Silo.Demo.DemoAccounts.DefaultPassword);
        await Expect(page.GetByTestId("login-error")).ToContainTextAsync("Too many sign-in attempts");
        await Expect(page.GetByTestId("signed-in-as")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task DisabledDispatchersOpenConsoleStopsWorkingAndTheyAreNoLongerOfferedCalls()
    {
        var centre = ConsoleFixture.NewCentre();
        var dispatcher = await fixture.CreateAccountAsync(centre, "dispatcher", AccountRole.Dispatcher);
        var page = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(page, dispatcher);
        await page.GetByTestId("presence-available").ClickAsync();
        await Expect(page.GetByTestId("presence-status")).ToHaveTextAsync(new Regex("Available"));

        await fixture.Client.GetAccount(dispatcher).SetDisabledAsync(true, Actors.Tool("test"));

        // Within the revalidation interval the open console goes to the sign-in page, and routing offers them nothing.
        await Expect(page).ToHaveURLAsync(new Regex("/login"), new() { Timeout = 15_000 });
        Assert.Equal(OperatorPresence.Offline, (await fixture.Client.GetOperator(dispatcher).GetAsync()).Presence);
        await page.GotoAsync("/dispatch");
        await Expect(page).ToHaveURLAsync(new Regex("/login"));
    }

    [Fact]
    public async Task ConsoleOfAUserWhoseRolesChangedAsksThemToSignInAgain()
    {
        var centre = ConsoleFixture.NewCentre();
        var supervisor = await fixture.CreateAccountAsync(centre, "supervisor", AccountRole.Supervisor);
        var page = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(page, supervisor);
        await page.GetByTestId("nav-wall").ClickAsync();
        await Expect(page.GetByTestId("wall")).ToBeVisibleAsync();

        await fixture.Client.GetAccount(supervisor).UpdateProfileAsync(new AccountProfile("Former supervisor", [AccountRole.Dispatcher], centre), Actors.Tool("test"));

        await Expect(page).ToHaveURLAsync(new Regex("/login"), new() { Timeout = 15_000 });
        await ConsoleFixture.SignInAsync(page, supervisor);
        await Expect(page.GetByTestId("nav-wall")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AdminIssuesAKioskSecretShownOnceAndRotatingItSilencesTheOldOne()
    {
        var centre = ConsoleFixture.NewCentre();
        var admin = await fixture.CreateAccountAsync(centre, "admin", AccountRole.Admin);
        var kiosk = await fixture.AddKioskAsync(centre, "Mosque Square", "North gate", "Central");
        var kioskId = (await kiosk.GetAsync()).KioskId;
        var page = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(page, admin);
        await page.GetByTestId("nav-kiosks").ClickAsync();
        var row = page.Locator($"[data-testid=kiosk-row][data-kiosk-id='{kioskId}']");

        await row.GetByTestId("kiosk-secret-issue").ClickAsync();
        await page.GetByTestId("kiosk-secret-confirm").ClickAsync();
        var first = await Field(page, "kiosk-secret-value").InputValueAsync();
        await page.GetByTestId("kiosk-secret-done").ClickAsync();
        await Expect(page.GetByTestId("kiosk-secret-value")).ToHaveCountAsync(0);
        Assert.Equal(KioskSecretCheck.Valid, await kiosk.VerifySecretAsync(first));

        // Rotation says what it does; the new secret works and the old one no longer does.
        await Expect(row.GetByTestId("kiosk-secret-issue")).ToHaveTextAsync(new Regex("Rotate secret", RegexOptions.IgnoreCase));
        await row.GetByTestId("kiosk-secret-issue").ClickAsync();
        await Expect(page.GetByText("stops working at once")).ToBeVisibleAsync();
        await page.GetByTestId("kiosk-secret-confirm").ClickAsync();
        var second = await Field(page, "kiosk-secret-value").InputValueAsync();
        await page.GetByTestId("kiosk-secret-done").ClickAsync();
        Assert.NotEqual(first, second);
        Assert.Equal(KioskSecretCheck.Valid, await kiosk.VerifySecretAsync(second));
        Assert.NotEqual(KioskSecretCheck.Valid, await kiosk.VerifySecretAsync(first));
    }

    private static async Task TryAsync(Microsoft.Playwright.IPage page, string login, string password)
    {
        await page.GotoAsync("/login");
        await page.GetByTestId("login-user").FillAsync(login);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync(new Regex("/login"));
    }

    private static Microsoft.Playwright.ILocator Field(Microsoft.Playwright.IPage page, string testId) =>
        page.Locator($"[data-testid={testId}] input, input[data-testid={testId}]");

    [Fact]
    public async Task AdminReadsWhoSignedInAndWhoFailedFromWhereChecksTheChainAndExportsIt()
    {
        var centre = ConsoleFixture.NewCentre();
        var admin = await fixture.CreateAccountAsync(centre, "admin", AccountRole.Admin);
        var intruder = $"intruder-{Guid.NewGuid():N}"[..20];
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByTestId("login-user").FillAsync(intruder);
        await page.GetByTestId("login-password").FillAsync("guessing");
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("login-error")).ToBeVisibleAsync();
        await ConsoleFixture.SignInAsync(page, admin);

        await page.GetByTestId("nav-audit").ClickAsync();
        await Field(page, "audit-text").FillAsync(intruder);
        await page.GetByTestId("audit-search").ClickAsync();
        var failed = page.Locator("[data-testid=audit-row][data-action=sign-in-failed]");
        await Expect(failed).ToHaveCountAsync(1);
        await Expect(failed).ToContainTextAsync($"account:{intruder}");
        await Expect(failed).ToContainTextAsync("127.0.0.1");
        await Expect(failed).ToHaveAttributeAsync("data-actor", Actors.Anonymous);
        await Expect(failed).ToContainTextAsync("not signed in");

        await Field(page, "audit-text").FillAsync(admin);
        await page.GetByTestId("audit-search").ClickAsync();
        var signedIn = page.Locator("[data-testid=audit-row][data-action=sign-in]");
        await Expect(signedIn.First).ToContainTextAsync(Actors.Operator(admin));
        await Expect(signedIn.First).ToContainTextAsync("127.0.0.1");

        await page.GetByTestId("audit-verify").ClickAsync();
        await Expect(page.GetByTestId("audit-verification")).ToHaveAttributeAsync("data-intact", "true");
        await ConsoleFixture.ScreenshotAsync(page, "admin-audit.png");

        var export = await page.APIRequest.GetAsync(await page.GetByTestId("audit-export").GetAttributeAsync("href") ?? string.Empty);
        Assert.Equal(200, export.Status);
        var csv = await export.TextAsync();
        Assert.StartsWith("seq,at_utc,actor,action,subject,detail,address,previous_hash,hash", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains($"{Actors.Operator(admin)},sign-in,account:{admin}", csv, StringComparison.Ordinal);
        var exported = await fixture.Client.GetAudit().SearchAsync(new AuditQuery(Text: admin, Action: AuditActions.AuditExported));
        Assert.Single(exported);
    }

    [Fact]
    public async Task AdminOpensTheOrleansDashboardBehindTheConsolesSignIn()
    {
        var centre = ConsoleFixture.NewCentre();
        var admin = await fixture.CreateAccountAsync(centre, "admin", AccountRole.Admin);
        var page = await fixture.NewPageAsync();
        var anonymous = await page.APIRequest.GetAsync("/admin/orleans/ClusterStats", new() { MaxRedirects = 0 });
        Assert.NotEqual(200, anonymous.Status);
        await ConsoleFixture.SignInAsync(page, admin);

        var stats = await Poll.UntilAsync(() => page.APIRequest.GetAsync("/admin/orleans/ClusterStats"), r => r.Status == 200, "the dashboard's cluster figures", TimeSpan.FromSeconds(30));
        Assert.Contains("application/json", stats.Headers["content-type"], StringComparison.Ordinal);
        await page.GotoAsync("/admin/orleans/");
        await Expect(page).ToHaveTitleAsync(new Regex("Orleans", RegexOptions.IgnoreCase));
        await ConsoleFixture.ScreenshotAsync(page, "admin-orleans-dashboard.png");
    }
}
