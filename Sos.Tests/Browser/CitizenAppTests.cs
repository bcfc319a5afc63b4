using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sos.Grains.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Sos.Tests.Browser;

/// <summary>
/// The citizen app at <c>/app</c> on a phone (Chromium's mobile emulation, with the phone's place) and a dispatcher
/// in the console: a silent SOS rings with the phone on the map, both chat, and the phone hears of the patrol until the
/// incident closes; a report with a
/// photo reaches the reports inbox and the dispatcher's reply reaches the phone. (The SOS with video is a media test.)
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class CitizenAppTests(ConsoleFixture fixture)
{
    private static readonly byte[] Photo = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public async Task SilentSosFromThePhoneRingsWithThePhoneOnTheMapAndTheCitizenAndTheDispatcherChatUntilItCloses()
    {
        var dispatcher = await fixture.CreateAccountAsync(SosConstants.DefaultCentreId, "dispatcher", AccountRole.Dispatcher);
        var console = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(console, dispatcher);
        await console.GetByTestId("presence-available").ClickAsync();
        await Expect(console.GetByTestId("presence-status")).ToHaveTextAsync(new Regex("Available"));

        var phone = await fixture.NewPhonePageAsync(52.2871, 76.9674);
        await phone.GotoAsync("/app?lang=en");
        await Expect(phone.GetByTestId("citizen-sos")).ToBeVisibleAsync();

        // The same phone called for help once before: the dispatcher sees it beside this call.
        var deviceId = JsonSerializer.Deserialize<string>((await phone.EvaluateAsync<string>("localStorage.getItem('sos.app.device')"))!)!;
        await fixture.Client.GetCitizenDevice(deviceId).NoteSosAsync(Guid.NewGuid());
        await phone.GetByTestId("citizen-silent-sos").ClickAsync();
        await Expect(phone.GetByTestId("citizen-status")).ToHaveAttributeAsync("data-state", "waiting");
        await Expect(phone.GetByTestId("citizen-status")).ToContainTextAsync("the operator will write to you here");
        await Expect(phone.Locator("[data-testid=citizen-event][data-kind=accepted]")).ToHaveCountAsync(1);

        // The dispatcher's card rings, marked as the app's, with the phone's place and how far off it may be.
        var card = console.GetByTestId("incoming-call");
        await Expect(card).ToBeVisibleAsync();
        await Expect(card.GetByTestId("call-channel")).ToBeVisibleAsync();
        await Expect(card.GetByTestId("citizen-silent")).ToBeVisibleAsync();
        await Expect(card.GetByTestId("incoming-priority")).ToHaveTextAsync("HIGH PRIORITY");
        await Expect(card.GetByTestId("kiosk-video")).ToHaveCountAsync(0);
        await Expect(card.GetByTestId("citizen-fix")).ToHaveAttributeAsync("data-accuracy", "8");
        await Expect(card.GetByTestId("map-caller")).ToHaveCountAsync(1);
        await Expect(card.GetByTestId("map-caller-accuracy")).ToHaveAttributeAsync("data-radius", "8");
        await Expect(card.GetByTestId("citizen-earlier")).ToHaveAttributeAsync("data-count", "1");
        await Expect(card.Locator("[data-testid=citizen-earlier-item][data-kind=sos]")).ToHaveCountAsync(1);
        await ConsoleFixture.ScreenshotAsync(console, "citizen-sos-ringing.png");

        await console.GetByTestId("accept-call").ClickAsync();
        await Expect(console.GetByTestId("active-call")).ToBeVisibleAsync();
        await Expect(phone.GetByTestId("citizen-status")).ToHaveAttributeAsync("data-state", "connected");
        await Expect(phone.Locator("[data-testid=citizen-event][data-kind=operator-joined]")).ToHaveCountAsync(1);
        await Expect(console.Locator("[data-testid=timeline-event][data-kind=Pressed]")).ToContainTextAsync("silent SOS from the 102 app");

        // They chat: the citizen writes, the dispatcher reads and answers, the phone shows the answer.
        await phone.GetByTestId("citizen-chat-text").FillAsync("He is still outside the door, I am hiding in the bathroom");
        await phone.GetByTestId("citizen-chat-send").ClickAsync();
        await Expect(console.Locator("[data-testid=citizen-message][data-from=citizen]")).ToContainTextAsync("hiding in the bathroom");
        await console.Locator("[data-testid=citizen-reply-text] input, input[data-testid=citizen-reply-text]").FillAsync("Stay there and keep the door locked. A patrol is on its way.");
        await console.GetByTestId("citizen-reply").ClickAsync();
        await Expect(phone.Locator("[data-testid=citizen-chat-message][data-from=operator]")).ToContainTextAsync("keep the door locked");
        await Expect(phone.Locator("[data-testid=citizen-event][data-kind=message]")).ToContainTextAsync("A patrol is on its way");

        // The citizen sends a photo in the chat: it is declared, uploaded, and the dispatcher sees it in the thread.
        await phone.GetByTestId("citizen-chat-file").SetInputFilesAsync(new FilePayload { Name = "door.png", MimeType = "image/png", Buffer = Photo });
        await Expect(phone.Locator("[data-testid=citizen-chat-message][data-from=citizen]").Last).ToContainTextAsync("files sent: 1");
        var sent = console.GetByTestId("citizen-message-photo");
        await Expect(sent).ToBeVisibleAsync();
        Assert.True(await sent.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"));
        await ConsoleFixture.ScreenshotAsync(console, "citizen-sos-chat.png");
        await ConsoleFixture.ScreenshotAsync(phone, "citizen-app-chat.png");

        // The dispatcher opens the incident and sends the nearest patrol: the phone hears it is on its way, and about when.
        var unit = await fixture.AddUnitAsync($"PVL-07-{Guid.NewGuid():N}"[..13], SosConstants.DefaultCentreId, [], 52.2905, 76.9700, UnitStatus.Available);
        await console.GetByTestId("create-incident").ClickAsync();
        await Expect(console.GetByTestId("incident-number")).ToHaveTextAsync(new Regex(@"^[A-Z0-9]{2,6}-\d{4}-\d{6}$"));
        var number = (await console.GetByTestId("incident-number").TextContentAsync())!;
        await console.Locator($"[data-testid=nearest-unit][data-unit-id='{unit}']").GetByTestId("assign-unit").ClickAsync();
        await Expect(phone.Locator("[data-testid=citizen-event][data-kind=incident]")).ToContainTextAsync(number);
        await Expect(phone.Locator("[data-testid=citizen-event][data-kind=patrol-dispatched]")).ToContainTextAsync("A patrol is on its way · about 1 min");

        // The patrol is on its way: the conversation ends, the incident goes on.
        await console.GetByTestId("close-call").ClickAsync();
        await Expect(console.GetByTestId("wrap-up")).ToBeVisibleAsync();
        await Expect(phone.GetByTestId("citizen-status")).ToHaveAttributeAsync("data-state", "ended");
        await Expect(phone.Locator("[data-testid=citizen-event][data-kind=closed]")).ToHaveCountAsync(1);
        await Expect(phone.Locator("[data-testid=citizen-event][data-kind=closed]")).ToContainTextAsync("The call ended");
        await Expect(phone.GetByTestId("citizen-hang-up")).ToBeHiddenAsync();
        await Expect(phone.GetByTestId("citizen-chat-text")).ToBeHiddenAsync();
        await console.GetByTestId("end-wrap-up").ClickAsync();

        // After the call the phone goes on hearing of the incident: the patrol arrives, and the dispatcher closes it
        // with a note for the citizen.
        await console.GetByTestId("nav-incidents").ClickAsync();
        await console.GetByTestId("incident-row").Filter(new() { HasText = number }).ClickAsync();
        await Expect(console.GetByTestId("incident-number")).ToHaveTextAsync(number);
        var incidentId = Guid.Parse(console.Url[^36..]);
        await fixture.Client.GetIncident(incidentId).ReportAsync(unit, AssignmentStep.OnScene, Actors.Operator("crew"));
        await Expect(phone.Locator("[data-testid=citizen-event][data-kind=on-scene]")).ToContainTextAsync("The patrol has arrived");
        await console.Locator("[data-testid=incident-public-note] textarea, textarea[data-testid=incident-public-note]").FillAsync("The man was detained. Thank you for letting us know.");
        await console.GetByTestId("incident-disposition").ClickAsync();
        await console.GetByText("Arrest made", new() { Exact = true }).ClickAsync();
        await console.GetByTestId("close-incident").ClickAsync();
        await Expect(console.GetByTestId("incident-public-note-sent")).ToContainTextAsync("The man was detained");
        await Expect(phone.Locator("[data-testid=citizen-event][data-kind=incident-closed]")).ToContainTextAsync("The police have finished: The man was detained. Thank you for letting us know.");
        await ConsoleFixture.ScreenshotAsync(phone, "citizen-app-follow-up.png");

        // What the phone sent is on its home screen to look at again.
        await phone.GetByTestId("citizen-back").ClickAsync();
        await Expect(phone.Locator("[data-testid=citizen-sent-item][data-kind=sos]")).ToHaveCountAsync(1);
        var sessionId = Guid.Parse((await phone.Locator("[data-testid=citizen-sent-item][data-kind=sos]").GetAttributeAsync("data-id"))!);
        var call = await fixture.Client.GetCall(sessionId).GetAsync();
        Assert.Equal(CallStatus.Closed, call.Status);
        Assert.Equal(CallChannel.Citizen, call.Channel);
        Assert.Equal(3, call.Citizen!.Chat.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Photo)), Assert.Single(call.Citizen.Attachments).Declared.Sha256);
    }

    [Fact]
    public async Task ReportWithAPhotoFromThePhoneReachesTheInboxAndTheDispatchersReplyReachesThePhone()
    {
        var phone = await fixture.NewPhonePageAsync(52.2790, 76.9560);
        await phone.GotoAsync("/app?lang=ru");
        await Expect(phone.GetByTestId("citizen-report-open")).ToHaveTextAsync("Сообщить о происшествии (не экстренно)");
        await phone.GetByTestId("app-language-en").ClickAsync();
        await Expect(phone.GetByTestId("citizen-report-open")).ToHaveTextAsync("Report something (not an emergency)");

        // The citizen gives their name and proves their number with the code the SMS brings (the development outbox).
        const string number = "+77015550123";
        await phone.GetByTestId("citizen-me").Locator("summary").ClickAsync();
        await phone.GetByTestId("citizen-name").FillAsync("Dana Serikovna");
        await phone.GetByTestId("citizen-phone").FillAsync(number);
        await phone.GetByTestId("citizen-phone-verify").ClickAsync();
        await Expect(phone.GetByTestId("citizen-phone-status")).ToHaveAttributeAsync("data-state", "sent");
        var sms = await File.ReadAllTextAsync(Directory.EnumerateFiles(Path.Combine(fixture.App.DataDirectory, "sms-outbox"), "*-77015550123-*.txt").Single(), TestContext.Current.CancellationToken);
        await phone.GetByTestId("citizen-phone-code").FillAsync(Regex.Match(sms, @"\b\d{6}\b").Value);
        await phone.GetByTestId("citizen-phone-confirm").ClickAsync();
        await Expect(phone.GetByTestId("citizen-phone-status")).ToHaveAttributeAsync("data-state", "verified");
        await Expect(phone.GetByTestId("citizen-phone-status")).ToContainTextAsync($"{number} is verified");
        await ConsoleFixture.ScreenshotAsync(phone, "citizen-app-verified.png");
        await phone.GetByTestId("citizen-me-save").ClickAsync();
        await phone.GetByTestId("citizen-report-open").ClickAsync();
        await phone.GetByTestId("report-category").SelectOptionAsync("public-disorder");
        const string text = "Broken glass all over the playground on Lomova street";
        await phone.GetByTestId("report-text").FillAsync(text);
        await phone.GetByTestId("report-files").SetInputFilesAsync(new FilePayload { Name = "glass.png", MimeType = "image/png", Buffer = Photo });
        await phone.GetByTestId("report-send").ClickAsync();
        await Expect(phone.GetByTestId("follow-status")).ToHaveAttributeAsync("data-state", "received");
        await Expect(phone.GetByTestId("follow-files")).ToHaveTextAsync("Files received: 1 of 1");

        var dispatcher = await fixture.CreateAccountAsync(SosConstants.DefaultCentreId, "dispatcher", AccountRole.Dispatcher);
        var console = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(console, dispatcher);
        await console.GetByTestId("nav-reports").ClickAsync();
        var reportId = Guid.Parse((await phone.Locator("[data-testid=citizen-sent-item][data-kind=report]").GetAttributeAsync("data-id"))!);
        var row = console.Locator($"[data-testid=report-row][data-report-id='{reportId}']");
        await Expect(row).ToContainTextAsync("Public disorder");
        await row.ClickAsync();
        var report = console.GetByTestId("report");
        await Expect(report).ToContainTextAsync(text);
        await Expect(report.GetByTestId("report-where")).ToContainTextAsync("±8 m");
        await Expect(report.GetByTestId("report-photo")).ToBeVisibleAsync();
        await Expect(report).ToContainTextAsync("Dana Serikovna");
        await Expect(report.GetByTestId("report-phone-check")).ToHaveAttributeAsync("data-verified", "true");
        var kept = await fixture.Client.GetCitizenReport(reportId).GetAsync();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Photo)), Assert.Single(kept.Attachments).Declared.Sha256);

        await report.GetByTestId("report-claim").ClickAsync();
        await Expect(phone.GetByTestId("follow-status")).ToHaveAttributeAsync("data-state", "claimed");
        await console.Locator("[data-testid=report-reply-text] textarea, textarea[data-testid=report-reply-text]").FillAsync("Thank you: the city services are told and a patrol will look.");
        await report.GetByTestId("report-reply").ClickAsync();
        await Expect(phone.Locator("[data-testid=citizen-event][data-kind=message]")).ToContainTextAsync("the city services are told");
        await ConsoleFixture.ScreenshotAsync(phone, "citizen-app-report.png");
    }
}
