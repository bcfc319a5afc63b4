using System.Text.RegularExpressions;
using Sos.Grains.Abstractions;
using Sos.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sos.Tests.Browser;

[Collection(ConsoleCollection.Name)]
public sealed class SupervisorWallTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task SupervisorSeesCallsLiveAndTakesOneOverWithAReason()
    {
        var centre = ConsoleFixture.NewCentre();
        var supervisor = await fixture.CreateAccountAsync(centre, "supervisor", AccountRole.Supervisor, AccountRole.Dispatcher);
        var dispatcher = await fixture.CreateAccountAsync(centre, "dispatcher", AccountRole.Dispatcher);
        var embankment = await fixture.AddKioskAsync(centre, "Central Embankment", "Irtysh embankment, by the river station", "Central");
        var square = await fixture.AddKioskAsync(centre, "Victory Square", "By the bus stop", "Southern", 52.272, 76.975);
        var park = await fixture.AddKioskAsync(centre, "City Park", "Main alley by the gates", "Central", 52.279, 76.948);
        await embankment.HeartbeatAsync(new KioskHealth(true, true, false, PowerSource.Mains, "2.4.1"));
        await square.HeartbeatAsync(new KioskHealth(true, true, false, PowerSource.Mains, "2.4.1"));
        await park.HeartbeatAsync(new KioskHealth(false, true, false, PowerSource.Battery, "2.3.0"));
        await fixture.Client.GetOperator(dispatcher).ChangePresenceAsync(centre, OperatorPresence.Available);
        var page = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(page, supervisor);
        await page.GetByTestId("nav-wall").ClickAsync();
        await Expect(page.GetByTestId("open-calls")).ToContainTextAsync("No open calls");
        await Expect(page.Locator($"[data-testid=wall-kiosk][data-status=Fault]")).ToContainTextAsync("camera, on battery");

        var ringing = await embankment.PressAsync(new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow));
        var queued = await square.PressAsync(new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow));

        var ringingRow = page.Locator($"[data-testid=wall-call][data-call-id='{ringing.CallId}']");
        var queuedRow = page.Locator($"[data-testid=wall-call][data-call-id='{queued.CallId}']");
        await Expect(ringingRow).ToContainTextAsync($"ringing {dispatcher}");
        await Expect(queuedRow).ToContainTextAsync("in queue");
        await Expect(page.Locator($"[data-testid=wall-operator][data-login='{dispatcher}']")).ToContainTextAsync("Ringing");
        await ConsoleFixture.ScreenshotAsync(page, "supervisor-wall.png");

        await using var calls = await StreamRecorder<CallSnapshot>.SubscribeAsync(
            fixture.Client.GetStreamProvider(SosConstants.StreamProvider).CallChanges(centre));
        await queuedRow.GetByTestId("take-over").ClickAsync();
        await page.Locator("[data-testid=supervisor-reason] input, input[data-testid=supervisor-reason]").FillAsync("Waited too long; taking it myself");
        await page.GetByTestId("supervisor-confirm").ClickAsync();

        // The supervisor is taken to the call they took, to talk on it.
        await Expect(page).ToHaveURLAsync(new Regex("/dispatch$"));
        await Expect(page.GetByTestId("active-kiosk")).ToHaveTextAsync("Victory Square");
        await page.GetByTestId("nav-wall").ClickAsync();
        await Expect(queuedRow).ToContainTextAsync($"connected: {supervisor}");
        var taken = await calls.WaitForAsync(c => c.CallId == queued.CallId && c.Status == CallStatus.Connected, "the call connected to the supervisor");
        var step = Assert.Single(taken.Timeline, e => e.Kind == CallEventKind.TakenOver);
        Assert.Equal(Actors.Operator(supervisor), step.Actor);
        Assert.Contains("Waited too long; taking it myself", step.Detail, StringComparison.Ordinal);
        Assert.Equal(supervisor, taken.ConnectedOperator);
        await Expect(page.Locator($"[data-testid=wall-operator][data-login='{supervisor}']")).ToContainTextAsync("On a call");
    }

    [Fact]
    public async Task SupervisorWarnsTheDispatcherOnACallBeforeTakingItOverAndMayWithdraw()
    {
        var centre = ConsoleFixture.NewCentre();
        var supervisor = await fixture.CreateAccountAsync(centre, "supervisor", AccountRole.Supervisor, AccountRole.Dispatcher);
        var dispatcher = await fixture.CreateAccountAsync(centre, "dispatcher", AccountRole.Dispatcher);
        var kiosk = await fixture.AddKioskAsync(centre, "River Station", "Pier 1", "Central");
        var desk = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(desk, dispatcher);
        await desk.GetByTestId("presence-available").ClickAsync();
        var receipt = await kiosk.PressAsync(new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow));
        await desk.GetByTestId("accept-call").ClickAsync();
        await Expect(desk.GetByTestId("active-call")).ToHaveAttributeAsync("data-call-id", receipt.CallId.ToString());

        var wall = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(wall, supervisor);
        await wall.GetByTestId("nav-wall").ClickAsync();
        var row = wall.Locator($"[data-testid=wall-call][data-call-id='{receipt.CallId}']");
        await Expect(row).ToContainTextAsync($"connected: {dispatcher}");

        // Nobody else is Available: Reassign says why nobody can be chosen and offers the take-over instead.
        await row.GetByTestId("reassign").ClickAsync();
        await Expect(wall.GetByTestId("reassign-nobody")).ToContainTextAsync("no operator is Available");
        await wall.GetByTestId("reassign-take-over-instead").ClickAsync();
        await wall.Locator("[data-testid=supervisor-reason] input, input[data-testid=supervisor-reason]").FillAsync("The caller asked for a supervisor");
        await wall.GetByTestId("supervisor-confirm").ClickAsync();

        // The dispatcher is warned with the supervisor's name and reason; the supervisor withdraws.
        await Expect(wall.GetByTestId("take-over-countdown")).ToContainTextAsync($"{dispatcher} is warned");
        var warning = desk.GetByTestId("take-over-warning");
        await Expect(warning).ToContainTextAsync($"Supervisor {supervisor} takes this call over in");
        await Expect(warning).ToContainTextAsync("The caller asked for a supervisor");
        await ConsoleFixture.ScreenshotAsync(desk, "take-over-warning.png");
        await wall.GetByTestId("take-over-withdraw").ClickAsync();
        await Expect(warning).ToHaveCountAsync(0);
        Assert.Equal(dispatcher, (await fixture.Client.GetCall(receipt.CallId).GetAsync()).ConnectedOperator);

        // Warned again, the take-over happens when the notice runs out, without another click.
        await row.GetByTestId("take-over").ClickAsync();
        await wall.Locator("[data-testid=supervisor-reason] input, input[data-testid=supervisor-reason]").FillAsync("Taking it now");
        await wall.GetByTestId("supervisor-confirm").ClickAsync();
        await Expect(warning).ToBeVisibleAsync();
        await Expect(wall).ToHaveURLAsync(new Regex("/dispatch$"));
        await Expect(wall.GetByTestId("active-call")).ToHaveAttributeAsync("data-call-id", receipt.CallId.ToString());
        await Expect(desk.GetByTestId("active-call")).ToHaveCountAsync(0);
        var call = await fixture.Client.GetCall(receipt.CallId).GetAsync();
        Assert.Equal(supervisor, call.ConnectedOperator);
        Assert.Null(call.TakeOverNotice);
        Assert.Equal(
            [CallEventKind.TakeOverAnnounced, CallEventKind.TakeOverWithdrawn, CallEventKind.TakeOverAnnounced, CallEventKind.TakenOver],
            call.Timeline.Select(e => e.Kind).Where(k => k is CallEventKind.TakeOverAnnounced or CallEventKind.TakeOverWithdrawn or CallEventKind.TakenOver));
    }

    [Fact]
    public async Task WallModeFillsAFullHdScreenInLargeTypeAndSaysWhenASilentKioskWasLastHeard()
    {
        var centre = ConsoleFixture.NewCentre();
        var supervisor = await fixture.CreateAccountAsync(centre, "supervisor", AccountRole.Supervisor);
        var online = await fixture.AddKioskAsync(centre, "Theatre Square", "Fountain", "Central");
        var silent = await fixture.AddKioskAsync(centre, "Railway Bridge", "North pier", "North");
        var faulty = await fixture.AddKioskAsync(centre, "Bus Terminal", "Gate 1", "South");
        await online.HeartbeatAsync(new KioskHealth(true, true, false, PowerSource.Mains, "2.4.1"));
        await faulty.HeartbeatAsync(new KioskHealth(false, true, false, PowerSource.Mains, "2.4.1"));
        await online.PressAsync(new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow));
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(1920, 1080);
        await ConsoleFixture.SignInAsync(page, supervisor);
        await page.GetByTestId("nav-wall").ClickAsync();
        await Expect(page.GetByTestId("wall")).ToHaveAttributeAsync("data-mode", "desk");
        await page.GetByTestId("wall-mode-toggle").ClickAsync();
        await Expect(page.GetByTestId("wall")).ToHaveAttributeAsync("data-mode", "wall");

        // Three columns across the screen: calls, operators, kiosks; figures in large type.
        var calls = await page.GetByTestId("open-calls").BoundingBoxAsync();
        var kiosks = await page.GetByTestId("kiosks").BoundingBoxAsync();
        Assert.NotNull(calls);
        Assert.NotNull(kiosks);
        Assert.True(kiosks.X > 1300 && Math.Abs(kiosks.Y - calls.Y) < 2, $"kiosks at {kiosks.X}, {kiosks.Y}; calls at {calls.Y}");
        Assert.True(kiosks.X + kiosks.Width > 1850, "the wall fills the screen's width");
        var figureSize = await page.GetByTestId("figure-calls").EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");
        Assert.True(figureSize >= 40, $"figures at {figureSize} px");

        // A kiosk never heard from says so, a faulty one keeps its fault in view.
        await Expect(page.Locator($"[data-testid=wall-kiosk][data-kiosk-id='{await silent.GetAsync().ContinueWith(t => t.Result.KioskId)}'] [data-testid=wall-kiosk-heard]")).ToHaveTextAsync(new Regex("never heard"));
        // By its id: on a loaded machine it may have fallen silent (Offline) by now, and its fault stays in view then too.
        await Expect(page.Locator($"[data-testid=wall-kiosk][data-kiosk-id='{faulty.GetPrimaryKeyString()}'] [data-testid=wall-kiosk-faults]")).ToContainTextAsync("camera");
        await ConsoleFixture.ScreenshotAsync(page, "wall-mode-1920.png");
        await page.EmulateMediaAsync(new() { ColorScheme = Microsoft.Playwright.ColorScheme.Dark });
        await page.ReloadAsync();
        await Expect(page.GetByTestId("layout")).ToHaveAttributeAsync("data-theme", "dark");
        await ConsoleFixture.ScreenshotAsync(page, "wall-mode-1920-dark.png");
    }
}
