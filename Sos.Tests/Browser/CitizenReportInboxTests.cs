using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Sos.Grains.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Sos.Tests.Browser;

/// <summary>A citizen's report with a photo reaches the dispatchers' reports inbox, and what the dispatcher does reaches the citizen.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class CitizenReportInboxTests(ConsoleFixture fixture)
{
    private static readonly byte[] Photo = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReportWithAPhotoReachesTheInboxAndTheDispatchersReplyIncidentAndPublicNoteReachTheCitizen()
    {
        using var phone = new HttpClient { BaseAddress = fixture.App.Address };
        var deviceId = $"phone-{Guid.NewGuid():N}"[..20];
        var sent = await phone.PostAsJsonAsync("/api/citizen/v1/reports", new
        {
            clientRequestId = Guid.NewGuid(),
            deviceId,
            category = "vandalism",
            text = "Someone broke the bus stop glass on Lomova street",
            location = new { latitude = 52.2790, longitude = 76.9560, accuracy = 15, method = "gnss", fixAt = DateTimeOffset.UtcNow },
            anonymous = true,
            language = "ru",
            attachments = new[] { new { contentType = "image/png", size = Photo.Length, sha256 = Convert.ToHexStringLower(SHA256.HashData(Photo)) } },
        }, Cancel);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var receipt = await sent.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var reportId = receipt.GetProperty("reportId").GetGuid();
        var upload = new ByteArrayContent(Photo);
        upload.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        Assert.Equal(HttpStatusCode.Created, (await phone.PutAsync(receipt.GetProperty("attachments")[0].GetProperty("upload").GetString(), upload, Cancel)).StatusCode);

        var dispatcher = await fixture.CreateAccountAsync(SosConstants.DefaultCentreId, "dispatcher", AccountRole.Dispatcher, AccountRole.Supervisor);
        var page = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(page, dispatcher);
        await page.GetByTestId("nav-reports").ClickAsync();
        var row = page.Locator($"[data-testid=report-row][data-report-id='{reportId}']");
        await Expect(row).ToContainTextAsync("vandalism");
        await row.ClickAsync();
        var report = page.GetByTestId("report");
        await Expect(report.GetByTestId("report-who")).ToContainTextAsync("anonymous");
        await Expect(report.GetByTestId("report-where")).ToContainTextAsync("±15 m");
        var photo = report.GetByTestId("report-photo");
        await Expect(photo).ToBeVisibleAsync();
        Assert.True(await photo.EvaluateAsync<bool>("img => img.complete && img.naturalWidth === 1"), "the photo is shown from the evidence");

        await report.GetByTestId("report-claim").ClickAsync();
        await page.Locator("[data-testid=report-reply-text] textarea, textarea[data-testid=report-reply-text]").FillAsync("Thank you, a patrol is on its way.");
        await report.GetByTestId("report-reply").ClickAsync();
        await Expect(report.Locator("[data-testid=report-event][data-kind=message]")).ToContainTextAsync("a patrol is on its way");
        await report.GetByTestId("report-open-incident").ClickAsync();
        await Expect(report.GetByTestId("report-incident")).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(page, "citizen-report.png");
        await page.Locator("[data-testid=report-public-note] textarea, textarea[data-testid=report-public-note]").FillAsync("The patrol recorded the damage; the city will replace the glass.");
        await report.GetByTestId("report-close").ClickAsync();
        await Expect(report).ToHaveAttributeAsync("data-status", nameof(CitizenReportStatus.Closed));
        await Expect(row).ToHaveCountAsync(0);

        // What the citizen's app reads.
        var status = await phone.GetFromJsonAsync<JsonElement>($"/api/citizen/v1/reports/{reportId}", Cancel);
        var told = status.GetProperty("events").EnumerateArray().Select(e => (e.GetProperty("kind").GetString(), e.GetProperty("text").GetString())).ToList();
        Assert.Equal(["accepted", "operator-joined", "message", "incident", "closed"], told.Select(t => t.Item1));
        Assert.Equal("Thank you, a patrol is on its way.", told[2].Item2);
        Assert.Matches(@"^[A-Z0-9]{2,6}-\d{4}-\d{6}$", told[3].Item2);
        Assert.StartsWith("The patrol recorded the damage", told[4].Item2, StringComparison.Ordinal);

        // A supervisor blocks the device (say it sent false reports): its next report is refused, and the audit says who.
        await page.GotoAsync($"/reports/{reportId}");
        await page.Locator("[data-testid=report-block-reason] input, input[data-testid=report-block-reason]").FillAsync("False reports");
        await page.GetByTestId("report-block").ClickAsync();
        await Expect(page.GetByTestId("report-device-blocked")).ToContainTextAsync("False reports");
        var refused = await phone.PostAsJsonAsync("/api/citizen/v1/reports", new { clientRequestId = Guid.NewGuid(), deviceId, category = "noise", text = "Loud music", language = "ru" }, Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.NotEmpty(await fixture.Client.GetAudit().SearchAsync(new AuditQuery(Action: AuditActions.CitizenDeviceBlocked, Text: deviceId)));

        // The photo is evidence: opening it is in the audit trail.
        var audit = await fixture.Client.GetAudit().SearchAsync(new AuditQuery(Action: AuditActions.EvidenceViewed, Text: reportId.ToString()));
        Assert.Contains(audit, e => e.Actor == Actors.Operator(dispatcher) && e.Subject == $"citizen-report:{reportId}");
    }
}
