using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sos.Console.Services;
using Sos.Grains.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Sos.Tests.Browser;

[Collection(ConsoleCollection.Name)]
public sealed partial class LocalisedConsoleTests(ConsoleFixture fixture)
{
    /// <summary>Names and codes that are the same in every language.</summary>
    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal) { "Sos", "IANA", "Asia", "Almaty", "kbit", "SHA", "CSV", "UTC" };

    /// <summary>Every English word of the console, as phrases between its placeholders (the Latin ones worth looking for).</summary>
    private static readonly IReadOnlyList<Regex> EnglishPhrases = ReadEnglishPhrases();

    [Theory]
    [InlineData(Languages.Kazakh)]
    [InlineData(Languages.Russian)]
    public async Task DispatcherWorksAShiftInTheirLanguageWithoutMeetingEnglishOrUtc(string language)
    {
        var centre = ConsoleFixture.NewCentre();
        await fixture.Client.GetCentre(centre).SetTimeZoneAsync("Asia/Almaty", Actors.Tool("test"));
        var almaty = TimeZoneInfo.FindSystemTimeZoneById("Asia/Almaty");
        var login = await fixture.CreateAccountAsync(centre, "disp", AccountRole.Dispatcher, AccountRole.Supervisor, AccountRole.Admin);
        var kiosk = await fixture.AddKioskAsync(centre, "Набережная Иртыша", "у речного вокзала", "Центральный");
        var square = await fixture.AddKioskAsync(centre, "Площадь Победы", "у фонтана", "Южный", 52.272, 76.975);
        await kiosk.HeartbeatAsync(new KioskHealth(true, true, false, PowerSource.Mains, "2.4.1"));
        await square.HeartbeatAsync(new KioskHealth(false, true, false, PowerSource.Battery, "2.4.1"));
        var page = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(page, login);

        // One click in the header: the console reloads in the language, and the account keeps the choice.
        await page.GetByTestId($"language-{language}").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Expect(page.GetByTestId("language")).ToHaveAttributeAsync("data-language", language);
        Assert.Equal(language, (await fixture.Client.GetAccount(login).GetAsync()).Language);

        await page.GetByTestId("nav-dispatch").ClickAsync();
        await page.GetByTestId("presence-available").ClickAsync();
        await Expect(page.GetByTestId("idle")).ToBeVisibleAsync();
        await NoEnglishAsync(page, "the idle dispatch screen");

        var receipt = await kiosk.PressAsync(new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow));
        await Expect(page.GetByTestId("incoming-call")).ToBeVisibleAsync();
        await NoEnglishAsync(page, "the ringing card");
        await page.GetByTestId("accept-call").ClickAsync();
        await Expect(page.GetByTestId("active-call")).ToBeVisibleAsync();

        // The answered call is ready when the screen puts the keyboard in its notes; then the dispatcher types the patrol.
        await Expect(page.Locator("[data-testid=notes] textarea, textarea[data-testid=notes]")).ToBeFocusedAsync();
        await page.Locator("[data-testid=patrol-unit] input, input[data-testid=patrol-unit]").PressSequentiallyAsync("PVL-12");
        await Expect(page.GetByTestId("patrol-sent")).ToBeEnabledAsync();
        await page.GetByTestId("patrol-sent").ClickAsync();
        await Expect(page.GetByTestId("patrol-recorded")).ToContainTextAsync("PVL-12");
        await NoEnglishAsync(page, "the active call");
        await page.GetByTestId("close-call").ClickAsync();
        await Expect(page.GetByTestId("wrap-up")).ToBeVisibleAsync();
        await NoEnglishAsync(page, "the wrap-up");
        await page.GetByTestId("end-wrap-up").ClickAsync();
        await Expect(page.GetByTestId("idle")).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(page, $"dispatcher-{language}.png");

        // A press nobody answers (a break first): the alarm, the queue and the call-back list, in the language.
        await page.GetByTestId("presence-break").ClickAsync();
        var unanswered = await square.PressAsync(new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow));
        await Expect(page.GetByTestId("no-operator-alarm")).ToBeVisibleAsync();
        await Expect(page.Locator($"[data-testid=waiting-call][data-call-id='{unanswered.CallId}']")).ToBeVisibleAsync();
        await NoEnglishAsync(page, "the dispatch screen with a waiting call");

        await page.GetByTestId("nav-wall").ClickAsync();
        await Expect(page.Locator($"[data-testid=wall-call][data-call-id='{unanswered.CallId}']")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("figure-calls")).ToHaveTextAsync("2");
        await NoEnglishAsync(page, "the wall");
        await ConsoleFixture.ScreenshotAsync(page, $"supervisor-wall-{language}.png");
        await square.CancelAsync(unanswered.CallId);

        // The history shows the call at Pavlodar's time, in the language's way of writing dates.
        await page.GetByTestId("nav-history").ClickAsync();
        var row = page.Locator($"[data-testid=history-row][data-call-id='{receipt.CallId}']");
        await Expect(row).ToBeVisibleAsync();
        var opened = (await fixture.Client.GetCall(receipt.CallId).GetAsync()).OpenedAt;
        await Expect(row.GetByTestId("history-opened")).ToHaveTextAsync(CentreTime.MomentIn(TimeZoneInfo.ConvertTime(opened, almaty), CultureInfo.GetCultureInfo(language)));
        await row.GetByTestId("history-timeline").ClickAsync();
        await Expect(page.GetByTestId("history-call")).ToBeVisibleAsync();
        await NoEnglishAsync(page, "the history");
        await ConsoleFixture.ScreenshotAsync(page, $"history-{language}.png");

        foreach (var (nav, ready) in new[] { ("nav-kiosks", "kiosk-table"), ("nav-accounts", "account-table"), ("nav-centre", "centre-strategy"), ("nav-cluster", "silo-table"), ("nav-audit", "audit-table") })
        {
            await page.GetByTestId(nav).ClickAsync();
            await Expect(page.GetByTestId(ready)).ToBeVisibleAsync();
            await NoEnglishAsync(page, $"the page of {nav}");
        }

        // The choice follows the account to another browser, whatever that browser asks for.
        var elsewhere = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(elsewhere, login);
        await Expect(elsewhere.Locator("html")).ToHaveAttributeAsync("lang", language);
    }

    [Fact]
    public async Task SignInPageFollowsTheBrowsersLanguageAndRefusesOneSosDoesNotSpeak()
    {
        using var http = new HttpClient { BaseAddress = fixture.App.Address };
        using var kazakh = new HttpRequestMessage(HttpMethod.Get, "/login");
        kazakh.Headers.AcceptLanguage.ParseAdd("kk-KZ,kk;q=0.9");
        var page = System.Net.WebUtility.HtmlDecode(await (await http.SendAsync(kazakh, TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("<html lang=\"kk\"", page, StringComparison.Ordinal);
        Assert.Contains(Word("Login.Submit", Languages.Kazakh), page, StringComparison.Ordinal);

        using var choose = new HttpRequestMessage(HttpMethod.Post, "/account/language")
        {
            Content = new FormUrlEncodedContent([new("language", "de"), new("returnUrl", "/login")]),
        };
        using var refused = await http.SendAsync(choose, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("unknown-language", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KioskScreenStartsInTheKiosksLanguageAndACitizenSwitchesItWithOneButton()
    {
        var centre = ConsoleFixture.NewCentre();
        var kiosk = await fixture.AddKioskAsync(centre, "Набережная Иртыша", "у речного вокзала", "Центральный");
        var kioskId = kiosk.GetPrimaryKeyString();
        var registration = (await kiosk.GetAsync()).Registration!;
        await kiosk.RegisterAsync(registration with { Language = Languages.Kazakh }, Actors.Tool("test"));
        var page = await fixture.NewPageAsync();

        await page.GotoAsync($"/kiosk/{kioskId}");
        var setup = page.GetByTestId("kiosk-setup").Locator("p").First;
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", Languages.Kazakh);
        await Expect(setup).ToHaveTextAsync(Sos.Silo.Kiosk.KioskPage.Word("Kiosk.Setup", Languages.Kazakh));

        foreach (var language in new[] { Languages.English, Languages.Russian, Languages.Kazakh })
        {
            await page.GetByTestId($"kiosk-language-{language}").ClickAsync();
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
            await Expect(setup).ToHaveTextAsync(Sos.Silo.Kiosk.KioskPage.Word("Kiosk.Setup", language));
            await Expect(page.GetByTestId($"kiosk-language-{language}")).ToHaveAttributeAsync("aria-pressed", "true");
            await Expect(page.GetByTestId("kiosk-secret-save")).ToHaveTextAsync(Sos.Silo.Kiosk.KioskPage.Word("Kiosk.Save", language));
        }
    }

    private static async Task NoEnglishAsync(IPage page, string where)
    {
        // Texts recorded as they were written (a call's timeline details, the audit trail's details) are shown as
        // recorded; everything Sos says itself is in the page's language.
        var text = await page.EvaluateAsync<string>(
            "() => { let text = document.body.innerText; document.querySelectorAll('[data-recorded]').forEach(e => { text = text.split(e.innerText).join(' '); }); return text; }");
        var found = EnglishPhrases.Select(p => p.Match(text)).Where(m => m.Success).Select(m => m.Value).Distinct().ToList();
        Assert.True(found.Count == 0, $"English on {where}: {string.Join(" | ", found)}\n--- the page says:\n{text}");
        Assert.DoesNotContain("(UTC)", text, StringComparison.Ordinal);
    }

    private static string Word(string key, string language) =>
        Sos.Tests.Console.ConsoleText.Words.GetString(key, CultureInfo.GetCultureInfo(language))!;

    private static List<Regex> ReadEnglishPhrases()
    {
        var english = Sos.Tests.Console.ConsoleText.Words
            .GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!;
        return [.. english.Cast<DictionaryEntry>()
            .SelectMany(e => Placeholder().Split((string)e.Value!))
            .Select(fragment => fragment.Trim(' ', '.', ',', ':', ';', '(', ')', '·', '"', '…', '?', '!', '×', '%', '/'))
            .Where(fragment => LatinWord().Matches(fragment).Any(w => !Allowed.Contains(w.Value)))
            .Distinct(StringComparer.Ordinal)
            .Select(fragment => new Regex($"(?<![A-Za-z0-9_:-]){Regex.Escape(fragment)}(?![A-Za-z0-9_:-])", RegexOptions.CultureInvariant))];
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("[A-Za-z]{4,}")]
    private static partial Regex LatinWord();
}
