using System.Text.RegularExpressions;
using Sos.Grains.Abstractions;
using Sos.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sos.Tests.Browser;

[Collection(ConsoleCollection.Name)]
public sealed partial class DispatcherScreenTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task DispatcherAnswersAPressClosesItAndFindsItInHistory()
    {
        var centre = ConsoleFixture.NewCentre();
        var dispatcher = await fixture.CreateAccountAsync(centre, "dispatcher", AccountRole.Dispatcher);
        var kiosk = await fixture.AddKioskAsync(centre, "Central Embankment", "Irtysh embankment, by the river station", "Central");
        var page = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(page, dispatcher);
        await Expect(page).ToHaveURLAsync(new Regex("/dispatch$"));

        await page.GetByTestId("presence-available").ClickAsync();
        await Expect(page.GetByTestId("presence-status")).ToHaveTextAsync(new Regex("Available"));

        var receipt = await kiosk.PressAsync(new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow));

        var card = page.GetByTestId("incoming-call");
        await Expect(card).ToBeVisibleAsync();
        await Expect(card).ToContainTextAsync("Central Embankment");
        await Expect(card).ToContainTextAsync("Irtysh embankment, by the river station");
        await Expect(card).ToContainTextAsync("Central district");
        await Expect(page.GetByTestId("ring-countdown")).ToContainTextAsync(new Regex(@"\d+ s to answer"));
        await Expect(page).ToHaveTitleAsync(AlarmTitle());
        Assert.True(await page.EvaluateAsync<bool>("() => window.sosConsole.ringState().ringing"));
        await ConsoleFixture.ScreenshotAsync(page, "dispatcher-ringing.png");

        await page.GetByTestId("accept-call").ClickAsync();
        await Expect(page.GetByTestId("active-call")).ToBeVisibleAsync();
        await Expect(card).ToHaveCountAsync(0);
        await Expect(page).Not.ToHaveTitleAsync(AlarmTitle());

        const string notes = "Woman reports her bag snatched by a man running towards the bridge.";
        await page.Locator("[data-testid=notes] textarea, textarea[data-testid=notes]").FillAsync(notes);
        await Expect(page.GetByTestId("notes-state")).ToHaveTextAsync($"Saved · {notes.Length} characters");
        Assert.Equal(notes, (await fixture.Client.GetCall(receipt.CallId).GetAsync()).Notes);

        await page.Locator("[data-testid=patrol-unit] input, input[data-testid=patrol-unit]").FillAsync("PVL-12");
        await page.GetByTestId("patrol-sent").ClickAsync();
        await Expect(page.GetByTestId("patrol-recorded")).ToContainTextAsync("PVL-12");
        await page.GetByTestId("close-call").ClickAsync();

        await Expect(page.GetByTestId("wrap-up")).ToBeVisibleAsync();
        await page.GetByTestId("end-wrap-up").ClickAsync();
        await Expect(page.GetByTestId("idle")).ToBeVisibleAsync();
        var closed = await fixture.Client.GetCall(receipt.CallId).GetAsync();
        Assert.Equal(CallStatus.Closed, closed.Status);
        Assert.Equal(CallDisposition.PatrolSent, closed.Disposition);
        Assert.Equal("PVL-12", closed.PatrolUnit);

        await page.GetByTestId("nav-history").ClickAsync();
        var row = page.Locator($"[data-testid=history-row][data-call-id='{receipt.CallId}']");
        await Expect(row).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("Patrol sent");
        await Expect(row).ToContainTextAsync(dispatcher);
        await row.GetByTestId("history-timeline").ClickAsync();
        await Expect(page.GetByTestId("history-notes")).ToHaveTextAsync(notes);

        var csv = await page.APIRequest.GetAsync(await page.GetByTestId("history-export").GetAttributeAsync("href") ?? "/history/export.csv");
        Assert.Equal(200, csv.Status);
        Assert.Contains(receipt.CallId.ToString(), await csv.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsoleThatDisappearsWhileRingingDoesNotHoldTheCall()
    {
        var centre = ConsoleFixture.NewCentre();
        var gone = await fixture.CreateAccountAsync(centre, "gone", AccountRole.Dispatcher);
        var other = await fixture.CreateAccountAsync(centre, "other", AccountRole.Dispatcher);
        var kiosk = await fixture.AddKioskAsync(centre, "City Park", "Main alley", "Central");
        var page = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(page, gone);
        await page.GetByTestId("presence-available").ClickAsync();
        await Expect(page.GetByTestId("presence-status")).ToHaveTextAsync(new Regex("Available"));
        await fixture.Client.GetOperator(other).ChangePresenceAsync(centre, OperatorPresence.Available);
        await using var calls = await StreamRecorder<CallSnapshot>.SubscribeAsync(
            fixture.Client.GetStreamProvider(SosConstants.StreamProvider).CallChanges(centre));
        var receipt = await kiosk.PressAsync(new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow));
        await Expect(page.GetByTestId("incoming-call")).ToBeVisibleAsync();

        await page.Context.CloseAsync();

        var call = await calls.WaitForAsync(c => c.CallId == receipt.CallId && c.Status == CallStatus.Ringing && c.RingingOperators.Contains(other), "the call ringing the other operator");
        Assert.Contains(call.Timeline, e => e.Kind == CallEventKind.OfferWithdrawn && e.Detail!.Contains($"console of {gone} lost", StringComparison.Ordinal));
        Assert.DoesNotContain(call.Timeline, e => e.Kind == CallEventKind.Missed);
        var signedOut = await fixture.Client.GetOperator(gone).GetAsync();
        Assert.Equal(OperatorPresence.Offline, signedOut.Presence);
        Assert.Contains("console silent", signedOut.PresenceReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatcherWhoOpensAnAdminPageIsRefused()
    {
        var centre = ConsoleFixture.NewCentre();
        var dispatcher = await fixture.CreateAccountAsync(centre, "dispatcher", AccountRole.Dispatcher);
        var page = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(page, dispatcher);
        await Expect(page.GetByTestId("nav-kiosks")).ToHaveCountAsync(0);

        foreach (var adminPage in new[] { "/admin/kiosks", "/admin/accounts", "/admin/cluster", "/admin/centre", "/admin/audit" })
        {
            await page.GotoAsync(adminPage);
            await Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("kiosk-table")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("account-table")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("silo-table")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("audit-table")).ToHaveCountAsync(0);
        }

        var export = await page.APIRequest.GetAsync("/admin/audit/export.csv", new() { MaxRedirects = 0 });
        Assert.NotEqual(200, export.Status);
        Assert.DoesNotContain("text/csv", export.Headers.GetValueOrDefault("content-type") ?? string.Empty, StringComparison.Ordinal);
        var dashboard = await page.APIRequest.GetAsync("/admin/orleans/ClusterStats", new() { MaxRedirects = 0 });
        Assert.NotEqual(200, dashboard.Status);
        Assert.DoesNotContain("previous_hash", await export.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedSignInSaysSoWithoutSayingWhichPartWasWrong()
    {
        var centre = ConsoleFixture.NewCentre();
        var dispatcher = await fixture.CreateAccountAsync(centre, "dispatcher", AccountRole.Dispatcher);
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/login");
        await page.GetByTestId("login-user").FillAsync(dispatcher);
        await page.GetByTestId("login-password").FillAsync("wrong-password");
        await page.GetByTestId("login-submit").ClickAsync();
        var wrongPassword = await page.GetByTestId("login-error").TextContentAsync();

        await page.GetByTestId("login-user").FillAsync($"nobody-{Guid.NewGuid():N}");
        await page.GetByTestId("login-password").FillAsync(ConsoleFixture.Password);
        await page.GetByTestId("login-submit").ClickAsync();
        var unknownUser = await page.GetByTestId("login-error").TextContentAsync();

        Assert.False(string.IsNullOrWhiteSpace(wrongPassword));
        Assert.Equal(wrongPassword, unknownUser);
        await page.GotoAsync("/dispatch");
        await Expect(page).ToHaveURLAsync(new Regex("/login"));
    }

    [GeneratedRegex("INCOMING SOS CALL|ANSWER NOW")]
    private static partial Regex AlarmTitle();
}
