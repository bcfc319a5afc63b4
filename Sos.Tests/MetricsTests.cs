using System.Net;
using System.Net.Http.Json;
using Sos.Silo;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

/// <summary>Issue 13's metrics: what a press does shows in the host's Prometheus scrape, by centre.</summary>
[Collection(ApiCollection.Name)]
public sealed class MetricsTests(ApiFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PressShowsAsAnOpenedAndWaitingCallOfItsCentreInThePrometheusScrape()
    {
        var centre = ApiFixture.NewCentre();
        var kiosk = await fixture.AddKioskAsync(centre);

        var pressed = await fixture.Http.SendAsync(ApiFixture.Request(HttpMethod.Post, $"/api/v1/kiosks/{kiosk.Id}/presses", kiosk.Secret, JsonContent.Create(new { pressId = Guid.NewGuid() })), Cancel);
        Assert.Equal(HttpStatusCode.Accepted, pressed.StatusCode);

        var scrape = await Poll.UntilAsync(
            async () =>
            {
                var response = await fixture.Http.GetAsync(SosTelemetry.MetricsPath, Cancel);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return await response.Content.ReadAsStringAsync(Cancel);
            },
            text => Line(text, "sos_calls_opened_total", centre) is not null && Line(text, "sos_calls_waiting", centre) is not null,
            "the press in the scrape",
            TimeSpan.FromSeconds(15));

        Assert.EndsWith(" 1", Line(scrape, "sos_calls_opened_total", centre)!.Split(" # ")[0].TrimEnd(), StringComparison.Ordinal);
        Assert.EndsWith(" 1", Line(scrape, "sos_calls_waiting", centre)!.Split(" # ")[0].TrimEnd(), StringComparison.Ordinal);
    }

    private static string? Line(string scrape, string metric, string centre) =>
        scrape.Split('\n').FirstOrDefault(l => l.StartsWith(metric + "{", StringComparison.Ordinal) && l.Contains($"centre=\"{centre}\"", StringComparison.Ordinal));
}
