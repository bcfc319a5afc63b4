using System.Text.RegularExpressions;
using Sos.Grains.Abstractions;
using Sos.Tests.Infrastructure;
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

        await AlarmSoundsAtAsync(page, 1);
        await Expect(page.GetByTestId("no-operator-alarm")).ToHaveAttributeAsync("data-alarm", "2", new() { Timeout = 20_000 });
        await AlarmSoundsAtAsync(page, 2);
        await ConsoleFixture.ScreenshotAsync(wall, "no-operator-alarm-wall.png");

        // The dispatcher comes back: the call rings them and the alarm ends everywhere.
        await page.GetByTestId("nav-dispatch").ClickAsync();
        await page.GetByTestId("presence-available").ClickAsync();
        await Expect(page.GetByTestId("incoming-call")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("no-operator-alarm")).ToHaveCountAsync(0);

        // The call has waited past the first answering target: it rings more urgently than a fresh one.
        await Expect(page.GetByTestId("incoming-call")).ToHaveAttributeAsync("data-level", new Regex("^[234]$"));
        await Expect(page.GetByTestId("incoming-urgency")).ToContainTextAsync("WAITING");
        Assert.InRange(await page.EvaluateAsync<int>("() => window.sosConsole.ringState().level"), 2, 4);
        await Expect(page).ToHaveTitleAsync(new Regex("WAITING|ANSWER NOW"));
        await Expect(wall.GetByTestId("no-operator-alarm")).ToHaveCountAsync(0);
        await AlarmSoundsAtAsync(page, 0);
    }

    [Fact]
    public async Task FreshCallRingsAtTheFirstLevelAndTheQueueStaysOnScreenDuringACallWithNamedPriorities()
    {
        var centre = ConsoleFixture.NewCentre();
        var dispatcher = await fixture.CreateAccountAsync(centre, "dispatcher", AccountRole.Dispatcher);
        var first = await fixture.AddKioskAsync(centre, "Lenin Street", "At the post office", "Central");
        var others = new[]
        {
            await fixture.AddKioskAsync(centre, "Bus Station", "Platform 2", "South"),
            await fixture.AddKioskAsync(centre, "Irtysh Bridge", "East end", "East"),
            await fixture.AddKioskAsync(centre, "Central Market", "Main gate", "Central"),
            await fixture.AddKioskAsync(centre, "Drama Theatre", "Entrance", "Central"),
        };
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(1366, 768);
        await ConsoleFixture.SignInAsync(page, dispatcher);
        await page.GetByTestId("presence-available").ClickAsync();

        var receipt = await first.PressAsync(new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow));
        await Expect(page.GetByTestId("incoming-call")).ToHaveAttributeAsync("data-level", "1");
        await Expect(page.GetByTestId("incoming-urgency")).ToHaveCountAsync(0);
        // The page tells its ring tone after it renders the card: wait for that, then read it.
        await page.WaitForFunctionAsync("() => window.sosConsole.ringState().level > 0");
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.sosConsole.ringState().level"));
        await page.GetByTestId("accept-call").ClickAsync();
        await Expect(page.GetByTestId("active-call")).ToHaveAttributeAsync("data-call-id", receipt.CallId.ToString());

        // Four more calls wait while the dispatcher talks; one person presses twice.
        foreach (var kiosk in others)
        {
            await kiosk.PressAsync(new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow));
        }

        await others[1].PressAsync(new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow));
        var rows = page.GetByTestId("waiting-call");
        await Expect(rows).ToHaveCountAsync(4);
        await Expect(page.GetByTestId("waiting-queue").Locator("th")).ToHaveTextAsync(["Kiosk", "Priority", "Waiting"]);
        await Expect(rows.First).ToContainTextAsync("Irtysh Bridge");
        await Expect(rows.First.GetByTestId("waiting-priority")).ToHaveTextAsync("High · pressed 2×");
        await Expect(rows.Nth(1).GetByTestId("waiting-priority")).ToHaveTextAsync("Normal");
        for (var i = 0; i < 4; i++)
        {
            // Every waiting call is on screen beside the call, without scrolling.
            var box = await rows.Nth(i).BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Y >= 0 && box.Y + box.Height <= 768, $"waiting call {i} is off screen at y = {box.Y}");
        }

        await ConsoleFixture.ScreenshotAsync(page, "queue-beside-call-1366.png");
    }

    [Fact]
    public async Task CallerWhoHangsUpWhileRingingOrQueuedIsSaidOnTheDispatchScreenAndListedForACallBack()
    {
        var centre = ConsoleFixture.NewCentre();
        var dispatcher = await fixture.CreateAccountAsync(centre, "dispatcher", AccountRole.Dispatcher);
        var gone = await fixture.AddKioskAsync(centre, "Cathedral Square", "By the steps", "Central");
        var next = await fixture.AddKioskAsync(centre, "Tram Depot", "Gate 3", "North");
        var third = await fixture.AddKioskAsync(centre, "Old Harbour", "Slipway", "East");
        var page = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(page, dispatcher);
        await page.GetByTestId("presence-available").ClickAsync();
        await Expect(page.GetByTestId("callback-list")).ToContainTextAsync("Call back (0)");

        var ringing = await gone.PressAsync(new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow));
        await Expect(page.GetByTestId("incoming-call")).ToHaveAttributeAsync("data-call-id", ringing.CallId.ToString());
        var queued = await next.PressAsync(new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow));
        var alsoQueued = await third.PressAsync(new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow));
        await Expect(page.GetByTestId("waiting-call")).ToHaveCountAsync(3);

        // The ringing caller hangs up: the screen says so, and the next call rings as a card of its own.
        await gone.CancelAsync(ringing.CallId);
        await Expect(page.GetByTestId("hung-up-notice")).ToContainTextAsync("The caller at Cathedral Square hung up before the answer");
        await Expect(page.GetByTestId("incoming-call")).ToHaveAttributeAsync("data-call-id", queued.CallId.ToString());
        await Expect(page.GetByTestId("incoming-kiosk")).ToHaveTextAsync("Tram Depot");
        await ConsoleFixture.ScreenshotAsync(page, "hung-up-while-ringing.png");

        // A queued caller hangs up: said too, and both wait on the call-back list.
        await third.CancelAsync(alsoQueued.CallId);
        await Expect(page.GetByText("The caller at Old Harbour hung up while waiting")).ToBeVisibleAsync();
        var list = page.GetByTestId("callback-entry");
        await Expect(list).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("callback-list")).ToContainTextAsync("Call back (2)");

        // The dispatcher answers the call that rings, and afterwards records a call-back from the list.
        await page.GetByTestId("accept-call").ClickAsync();
        await Expect(page.GetByTestId("hung-up-notice")).ToHaveCountAsync(0);
        await page.Locator($"[data-testid=callback-entry][data-call-id='{ringing.CallId}']").GetByTestId("callback-record").ClickAsync();
        await page.Locator("[data-testid=call-back-outcome] textarea, textarea[data-testid=call-back-outcome]").FillAsync("Reached a passer-by: the person left by taxi");
        await page.GetByTestId("call-back-confirm").ClickAsync();
        await Expect(list).ToHaveCountAsync(1);
        var calledBack = await fixture.Client.GetCall(ringing.CallId).GetAsync();
        Assert.False(calledBack.NeedsCallback);
        Assert.Contains(calledBack.Timeline, e => e.Kind == CallEventKind.CalledBack && e.Detail == "Reached a passer-by: the person left by taxi");
    }

    [Fact]
    public async Task DispatcherWorksACallFromTheKeyboard()
    {
        var centre = ConsoleFixture.NewCentre();
        var dispatcher = await fixture.CreateAccountAsync(centre, "dispatcher", AccountRole.Dispatcher, AccountRole.Supervisor);
        var kiosk = await fixture.AddKioskAsync(centre, "Concert Hall", "Side entrance", "Central");
        var page = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(page, dispatcher);
        await Expect(page.GetByTestId("shortcuts")).ToContainTextAsync("Alt+A answer");

        // Alt+1: Available. A ringing call takes the focus to Answer; Enter would answer it from there.
        await page.Keyboard.PressAsync("Alt+1");
        await Expect(page.GetByTestId("presence-status")).ToHaveTextAsync(new Regex("Available"));
        var receipt = await kiosk.PressAsync(new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow));
        await Expect(page.GetByTestId("incoming-call")).ToBeVisibleAsync();
        await Poll.UntilAsync(() => page.EvaluateAsync<string?>("() => window.sosConsole.focused()"), f => f == "accept-call", "the focus on Answer", TimeSpan.FromSeconds(10));

        // Wherever the focus went meanwhile, Alt+A answers; the focus then goes to the notes, where typing is saved.
        await page.GetByTestId("shortcuts").ClickAsync();
        await page.Keyboard.PressAsync("Alt+A");
        await Expect(page.GetByTestId("active-call")).ToHaveAttributeAsync("data-call-id", receipt.CallId.ToString());
        await Poll.UntilAsync(() => page.EvaluateAsync<string?>("() => window.sosConsole.focused()"), f => f == "notes", "the focus on the notes", TimeSpan.FromSeconds(10));
        // Before anything is typed the empty notes are "Saved · 0 characters": the wait is for what was typed.
        await page.Keyboard.TypeAsync("Man slipped on the ice, conscious");
        await Expect(page.GetByTestId("notes-state")).ToHaveTextAsync($"Saved · {"Man slipped on the ice, conscious".Length} characters");
        Assert.Equal("Man slipped on the ice, conscious", (await fixture.Client.GetCall(receipt.CallId).GetAsync()).Notes);
        await ConsoleFixture.ScreenshotAsync(page, "keyboard-notes-focus.png");

        // Escape closes a dialog.
        await page.GetByTestId("nav-wall").ClickAsync();
        await page.Locator($"[data-testid=wall-call][data-call-id='{receipt.CallId}']").GetByTestId("reassign").ClickAsync();
        var reason = page.Locator("[data-testid=supervisor-reason] input, input[data-testid=supervisor-reason]");
        await Expect(reason).ToBeVisibleAsync();

        // The keys go to the dialog once it has the focus (where the dispatcher types the reason). The dialog listens for
        // its keys a moment after it shows (MudBlazor attaches them after rendering): on a loaded machine the first
        // Escape may come before that, so it is pressed again while the dialog is open.
        await reason.FocusAsync();
        await Poll.UntilAsync(
            async () =>
            {
                await page.Keyboard.PressAsync("Escape");
                await page.WaitForTimeoutAsync(300);
                return await page.GetByTestId("supervisor-reason").CountAsync();
            },
            open => open == 0,
            "Escape closing the dialog",
            TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task ConsoleFollowsTheBrowsersNightPreferenceUntilTheUserChoosesAndKeepsTheirChoice()
    {
        var centre = ConsoleFixture.NewCentre();
        var dispatcher = await fixture.CreateAccountAsync(centre, "dispatcher", AccountRole.Dispatcher);
        var kiosk = await fixture.AddKioskAsync(centre, "Night Market", "Stall row 4", "Central");
        var page = await fixture.NewPageAsync();
        await page.EmulateMediaAsync(new() { ColorScheme = Microsoft.Playwright.ColorScheme.Dark });
        await ConsoleFixture.SignInAsync(page, dispatcher);
        await Expect(page.GetByTestId("layout")).ToHaveAttributeAsync("data-theme", "dark");
        await page.GetByTestId("presence-available").ClickAsync();
        await kiosk.PressAsync(new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow));
        await Expect(page.GetByTestId("incoming-call")).ToBeVisibleAsync();
        await page.SetViewportSizeAsync(1920, 1080);
        await ConsoleFixture.ScreenshotAsync(page, "dispatch-ringing-dark-1920.png");

        // The user prefers light: the choice is kept with the account, over the browser's preference.
        await page.GetByTestId("theme-toggle").ClickAsync();
        await Expect(page.GetByTestId("layout")).ToHaveAttributeAsync("data-theme", "light");
        await Poll.UntilAsync(() => fixture.Client.GetAccount(dispatcher).GetAsync(), a => a.Theme == ThemeChoice.Light, "the choice kept", TimeSpan.FromSeconds(10));
        await page.ReloadAsync();
        await Expect(page.GetByTestId("layout")).ToHaveAttributeAsync("data-theme", "light");
    }

    [Fact]
    public async Task NotesTypedFastInTwoConsolesOfOneOperatorAreNeverDuplicatedNorLost()
    {
        var centre = ConsoleFixture.NewCentre();
        var dispatcher = await fixture.CreateAccountAsync(centre, "dispatcher", AccountRole.Dispatcher);
        var kiosk = await fixture.AddKioskAsync(centre, "Irtysh Bridge", "West end", "Central");
        var earlier = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(earlier, dispatcher);
        await earlier.GetByTestId("presence-available").ClickAsync();
        var receipt = await kiosk.PressAsync(new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow));
        await earlier.GetByTestId("accept-call").ClickAsync();
        var earlierNotes = earlier.Locator("[data-testid=notes] textarea, textarea[data-testid=notes]");
        await earlierNotes.PressSequentiallyAsync("Man on the bridge.");
        await Expect(earlier.GetByTestId("notes-state")).ToHaveTextAsync($"Saved · {"Man on the bridge.".Length} characters");

        // The dispatcher reopens the console in another browser window; the earlier one stays connected.
        var later = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(later, dispatcher);
        var laterNotes = later.Locator("[data-testid=notes] textarea, textarea[data-testid=notes]");
        await Expect(laterNotes).ToHaveValueAsync("Man on the bridge.");
        await laterNotes.ClickAsync();
        await later.Keyboard.PressAsync("End");
        await later.Keyboard.TypeAsync(" Woman reports a fight.");
        await Expect(later.GetByTestId("notes-state")).ToHaveTextAsync($"Saved · {"Man on the bridge. Woman reports a fight.".Length} characters");
        await Poll.UntilAsync(() => fixture.Client.GetCall(receipt.CallId).GetAsync(), c => c.Notes == "Man on the bridge. Woman reports a fight.", "the notes as typed", TimeSpan.FromSeconds(10));

        // The earlier window shows what was typed in the later one, and typing there goes on from it.
        await Expect(earlierNotes).ToHaveValueAsync("Man on the bridge. Woman reports a fight.");
        await earlierNotes.ClickAsync();
        await earlier.Keyboard.PressAsync("End");
        await earlier.Keyboard.TypeAsync(" Patrol asked.");
        await Poll.UntilAsync(() => fixture.Client.GetCall(receipt.CallId).GetAsync(), c => c.Notes == "Man on the bridge. Woman reports a fight. Patrol asked.", "the notes as typed in both windows", TimeSpan.FromSeconds(10));
        await Expect(laterNotes).ToHaveValueAsync("Man on the bridge. Woman reports a fight. Patrol asked.");
    }

    [Fact]
    public async Task AtOneHundredAndFiftyPercentZoomTheDispatchScreenNeedsNoSidewaysScrollingAndKeepsAnswerAndQueueInView()
    {
        var centre = ConsoleFixture.NewCentre();
        var dispatcher = await fixture.CreateAccountAsync(centre, "dispatcher", AccountRole.Dispatcher);
        var first = await fixture.AddKioskAsync(centre, "Pedestrian Street", "By the clock", "Central");
        var second = await fixture.AddKioskAsync(centre, "Sports Palace", "Car park", "East");
        var page = await fixture.NewPageAsync();

        // A 1366×768 screen at 150 % zoom leaves the page 911×512 CSS pixels.
        await page.SetViewportSizeAsync(911, 512);
        await ConsoleFixture.SignInAsync(page, dispatcher);
        await page.GetByTestId("presence-available").ClickAsync();
        await first.PressAsync(new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow));
        await second.PressAsync(new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow));
        await Expect(page.GetByTestId("incoming-call")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("waiting-call")).ToHaveCountAsync(2);

        // Nothing needs sideways scrolling; Answer is in view; the app bar, with the count of waiting calls, stays one
        // line above the page and covers none of it; the queue is a scroll away.
        Assert.True(await page.EvaluateAsync<bool>("() => document.scrollingElement.scrollWidth <= window.innerWidth + 1"), "the page scrolls sideways");
        await Expect(page.GetByTestId("accept-call")).ToBeInViewportAsync();
        await Expect(page.GetByTestId("waiting-count")).ToHaveAttributeAsync("data-count", "2");
        await Expect(page.GetByTestId("waiting-count")).ToBeInViewportAsync();
        await Expect(page.GetByTestId("nav-history")).ToBeInViewportAsync();
        var bar = await page.Locator(".mud-appbar").BoundingBoxAsync();
        Assert.NotNull(bar);
        Assert.True(bar.Height <= 64, $"the app bar is {bar.Height} px high");
        await ConsoleFixture.ScreenshotAsync(page, "dispatch-150-percent.png");
        await page.GetByTestId("waiting-queue").ScrollIntoViewIfNeededAsync();
        await Expect(page.GetByTestId("waiting-queue")).ToBeInViewportAsync();
    }

    [GeneratedRegex("INCOMING SOS CALL|ANSWER NOW")]
    private static partial Regex AlarmTitle();

    /// <summary>The alarm's sound follows its level: the page tells the browser after it renders, so it is awaited.</summary>
    private static Task<int> AlarmSoundsAtAsync(Microsoft.Playwright.IPage page, int level) =>
        Poll.UntilAsync(() => page.EvaluateAsync<int>("() => window.sosConsole.alarmState().level"), sounding => sounding == level, $"the alarm sounding at level {level}", TimeSpan.FromSeconds(10));
}
