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
        await Expect(queuedRow).ToContainTextAsync("queued");
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
        await Expect(page.Locator($"[data-testid=wall-operator][data-login='{supervisor}']")).ToContainTextAsync(new Regex("OnCall"));
    }
}
