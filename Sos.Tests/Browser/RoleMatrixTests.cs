using System.Net.Http.Headers;
using Microsoft.Playwright;
using Sos.Grains.Abstractions;

namespace Sos.Tests.Browser;

/// <summary>
/// Who reaches what, over HTTP as a browser or a kiosk does: every page and download of the console for anonymous,
/// dispatcher, supervisor and administrator, and the device API for a kiosk's secret and a console's cookie.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class RoleMatrixTests(ConsoleFixture fixture)
{
    private const string Anonymous = "anonymous";

    /// <summary>Every console address a signed-in role may open, and who may.</summary>
    private static readonly (string Path, AccountRole[] Roles)[] Matrix =
    [
        ("/dispatch", [AccountRole.Dispatcher]),
        ("/wall", [AccountRole.Supervisor]),
        ("/history", [AccountRole.Dispatcher, AccountRole.Supervisor]),
        ("/history/export.csv?from=2026-11-01&to=2026-11-02", [AccountRole.Dispatcher, AccountRole.Supervisor]),
        ("/incidents", [AccountRole.Dispatcher, AccountRole.Supervisor]),
        ("/reports", [AccountRole.Dispatcher, AccountRole.Supervisor]),
        ("/map", [AccountRole.Dispatcher, AccountRole.Supervisor]),
        ("/patrol", [AccountRole.Patrol]),
        ("/admin/units", [AccountRole.Admin]),
        ("/admin/maintenance", [AccountRole.Admin]),
        ("/admin/incident-types", [AccountRole.Admin]),
        ("/admin/kiosks", [AccountRole.Admin]),
        ("/admin/accounts", [AccountRole.Admin]),
        ("/admin/centre", [AccountRole.Admin]),
        ("/admin/cluster", [AccountRole.Admin]),
        ("/admin/audit", [AccountRole.Admin]),
        ("/admin/audit/export.csv", [AccountRole.Admin]),
        ("/admin/orleans/ClusterStats", [AccountRole.Admin]),
    ];

    [Theory]
    [InlineData(Anonymous)]
    [InlineData(nameof(AccountRole.Dispatcher))]
    [InlineData(nameof(AccountRole.Supervisor))]
    [InlineData(nameof(AccountRole.Admin))]
    [InlineData(nameof(AccountRole.Patrol))]
    public async Task EachRoleReachesExactlyItsPagesAndDownloads(string who)
    {
        var page = await fixture.NewPageAsync();
        AccountRole? role = who == Anonymous ? null : Enum.Parse<AccountRole>(who);
        if (role is { } signedIn)
        {
            await ConsoleFixture.SignInAsync(page, await fixture.CreateAccountAsync(ConsoleFixture.NewCentre(), who.ToLowerInvariant(), signedIn));
        }

        var wrong = new List<string>();
        foreach (var (path, roles) in Matrix)
        {
            var response = await page.APIRequest.GetAsync(path, new() { MaxRedirects = 0 });
            var allowed = role is { } r && roles.Contains(r);
            var location = response.Headers.GetValueOrDefault("location") ?? string.Empty;
            var refusedAsExpected = role is null
                ? response.Status == 302 && location.Contains("/login", StringComparison.Ordinal)
                : response.Status is 302 or 403 && (response.Status == 403 || location.Contains("/denied", StringComparison.Ordinal));
            if (allowed ? response.Status != 200 : !refusedAsExpected)
            {
                wrong.Add($"{path}: {response.Status} {location} (expected {(allowed ? "200" : "refused")})");
            }
        }

        // Open to all: the sign-in page, health and metrics.
        foreach (var open in new[] { "/login", "/health/live", "/metrics" })
        {
            var response = await page.APIRequest.GetAsync(open, new() { MaxRedirects = 0 });
            if (response.Status != 200)
            {
                wrong.Add($"{open}: {response.Status} (expected 200 for everyone)");
            }
        }

        Assert.True(wrong.Count == 0, $"{who}:\n{string.Join("\n", wrong)}");
    }

    [Fact]
    public async Task AKiosksSecretOpensNoConsolePageAndAConsoleCookieMakesNoPress()
    {
        var centre = ConsoleFixture.NewCentre();
        var kiosk = await fixture.AddKioskAsync(centre, "Matrix kiosk", "Street 1", "Central");
        var secret = await kiosk.IssueSecretAsync(Actors.Tool("test"));
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.App.Address };

        using var asKiosk = new HttpRequestMessage(HttpMethod.Get, "/dispatch");
        asKiosk.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var consolePage = await http.SendAsync(asKiosk, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, consolePage.StatusCode);
        Assert.Contains("/login", consolePage.Headers.Location?.ToString(), StringComparison.Ordinal);

        var admin = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(admin, await fixture.CreateAccountAsync(centre, "admin", AccountRole.Admin, AccountRole.Dispatcher));
        var press = await admin.APIRequest.PostAsync($"/api/v1/kiosks/{kiosk.GetPrimaryKeyString()}/presses", new APIRequestContextOptions
        {
            DataObject = new { pressId = Guid.NewGuid() },
        });
        Assert.Equal(401, press.Status);
        Assert.Null((await kiosk.GetAsync()).OpenCallId);
    }
}
