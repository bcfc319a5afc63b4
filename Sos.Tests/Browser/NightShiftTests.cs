using System.Text.RegularExpressions;
using Sos.Grains.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Sos.Tests.Browser;

/// <summary>Issue 12's night shift: a call that rings is seen from any page, and the queue is counted on every page.</summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class NightShiftTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task CallRingsADispatcherOnAnyPageAndAnsweringThereOpensItOnTheDispatchScreen()
    {
        var centre = ConsoleFixture.NewCentre();
        var dispatcher = await fixture.CreateAccountAsync(centre, "dispatcher", AccountRole.Dispatcher);
        var kiosk = await fixture.AddKioskAsync(centre, "Victory Park", "Main alley", "Central");
        var page = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(page, dispatcher);
        await page.GetByTestId("presence-available").ClickAsync();
        await Expect(page.GetByTestId("presence-status")).ToHaveTextAsync(new Regex("Available"));
        await Expect(page.GetByTestId("waiting-count")).ToHaveAttributeAsync("data-count", "0");

        // The dispatcher looks something up in History when the press comes.
        await page.GetByTestId("nav-history").ClickAsync();
        await Expect(page.GetByTestId("history-table")).ToBeVisibleAsync();
        var receipt = await kiosk.PressAsync(new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow));

        var banner = page.GetByTestId("ring-banner");
        await Expect(banner).ToBeVisibleAsync();
        await Expect(banner).ToHaveAttributeAsync("data-call-id", receipt.CallId.ToString());
        await Expect(banner).ToContainTextAsync("Victory Park");
        await Expect(page).ToHaveTitleAsync(AlarmTitle());
        Assert.True(await page.EvaluateAsync<bool>("() => window.sosConsole.ringState().ringing"));
        await Expect(page.GetByTestId("waiting-count")).ToHaveAttributeAsync("data-count", "1");
        await ConsoleFixture.ScreenshotAsync(page, "ringing-on-history.png");

        await page.GetByTestId("ring-banner-answer").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/dispatch$"));
        await Expect(page.GetByTestId("active-call")).ToHaveAttributeAsync("data-call-id", receipt.CallId.ToString());
        await Expect(banner).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("waiting-count")).ToHaveAttributeAsync("data-count", "0");
        Assert.Equal(dispatcher, (await fixture.Client.GetCall(receipt.CallId).GetAsync()).ConnectedOperator);
        Assert.False(await page.EvaluateAsync<bool>("() => window.sosConsole.ringState().ringing"));
    }

    [Fact]
    public async Task WaitingCallsAreCountedInTheAppBarAndTheTabTitleOnEveryPage()
    {
        var centre = ConsoleFixture.NewCentre();
        var dispatcher = await fixture.CreateAccountAsync(centre, "dispatcher", AccountRole.Dispatcher);
        var kiosks = new[]
        {
            await fixture.AddKioskAsync(centre, "Central Square", "At the fountain", "Central"),
            await fixture.AddKioskAsync(centre, "Youth Park", "At the playground", "North"),
        };
        var page = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(page, dispatcher);
        await page.GetByTestId("nav-history").ClickAsync();

        // Nobody is available: the calls wait, and every page says how many.
        foreach (var kiosk in kiosks)
        {
            await kiosk.PressAsync(new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow));
        }

        await Expect(page.GetByTestId("waiting-count")).ToHaveAttributeAsync("data-count", "2");
        await Expect(page.GetByTestId("waiting-count")).ToHaveTextAsync("2 calls waiting");
        await Expect(page).ToHaveTitleAsync(new Regex(@"^\(2\) "));
        await page.GetByTestId("nav-dispatch").ClickAsync();
        await Expect(page.GetByTestId("waiting-count")).ToHaveAttributeAsync("data-count", "2");
        await Expect(page).ToHaveTitleAsync(new Regex(@"^\(2\) Dispatch"));
    }

    [Fact]
    public async Task CallWaitingWithNobodyAvailableRaisesTheAlarmOnEveryScreenAndItEscalatesWithTheWait()
    {
        var centre = ConsoleFixture.NewCentre();
        var dispatcher = await fixture.CreateAccountAsync(centre, "dispatcher", AccountRole.Dispatcher);
        var supervisor = await fixture.CreateAccountAsync(centre, "supervisor", AccountRole.Supervisor);
        var kiosk = await fixture.AddKioskAsync(centre, "Station Square", "Railway station square", "South");
        var page = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(page, dispatcher);
        await page.GetByTestId("presence-break").ClickAsync();
        await Expect(page.GetByTestId("presence-status")).ToHaveTextAsync(new Regex("break"));
        await page.GetByTestId("nav-history").ClickAsync();
        var wall = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(wall, supervisor);
        await wall.GetByTestId("nav-wall").ClickAsync();
        await Expect(page.GetByTestId("no-operator-alarm")).ToHaveCountAsync(0);

        await kiosk.PressAsync(new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow));

        // At once on both screens, with a sound; then louder once the wait passes 10 s (the first threshold).
        foreach (var screen in new[] { page, wall })
        {
            await Expect(screen.GetByTestId("no-operator-alarm")).ToHaveAttributeAsync("data-alarm", "1");
            await Expect(screen.GetByTestId("no-operator-alarm")).ToContainTextAsync("NO OPERATOR AVAILABLE");
        }

        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.sosConsole.alarmState().level"));
        await Expect(page.GetByTestId("no-operator-alarm")).ToHaveAttributeAsync("data-alarm", "2", new() { Timeout = 20_000 });
        Assert.Equal(2, await page.EvaluateAsync<int>("() => window.sosConsole.alarmState().level"));
        await ConsoleFixture.ScreenshotAsync(wall, "no-operator-alarm-wall.png");

        // The dispatcher comes back: the call rings them and the alarm ends everywhere.
        await page.GetByTestId("nav-dispatch").ClickAsync();
        await page.GetByTestId("presence-available").ClickAsync();
        await Expect(page.GetByTestId("incoming-call")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("no-operator-alarm")).ToHaveCountAsync(0);
        await Expect(wall.GetByTestId("no-operator-alarm")).ToHaveCountAsync(0);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.sosConsole.alarmState().level"));
    }

    [GeneratedRegex("INCOMING SOS CALL|ANSWER NOW")]
    private static partial Regex AlarmTitle();
}
