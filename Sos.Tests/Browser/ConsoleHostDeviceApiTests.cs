using System.Net;
using System.Text;

namespace Sos.Tests.Browser;

/// <summary>
/// The device API as the console host serves it (Embedded mode): its errors are the device API's problem+json, never
/// the console's sign-in redirect or a page, whatever the console's own sign-in rules.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleHostDeviceApiTests(ConsoleFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeviceApiErrorsInTheConsoleHostAreProblemsNotTheSignInPage()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.App.Address };

        using var plain = new HttpRequestMessage(HttpMethod.Post, "/api/v1/kiosks/pvl-embankment-01/presses")
        {
            Content = new StringContent("help", Encoding.UTF8, "text/plain"),
        };
        plain.Headers.Authorization = new("Bearer", "not-a-secret");
        await AssertProblemAsync(await http.SendAsync(plain, Cancel), HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        await AssertProblemAsync(await http.GetAsync("/api/v1/no-such-endpoint", Cancel), HttpStatusCode.NotFound, "not-found");
        await AssertProblemAsync(await http.DeleteAsync("/api/v1/kiosks/pvl-embankment-01/presses", Cancel), HttpStatusCode.MethodNotAllowed, "method-not-allowed");

        // The console's own pages still need sign-in.
        var page = await http.GetAsync("/dispatch", Cancel);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/login", page.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string reason)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"\"reason\":\"{reason}\"", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }
}
