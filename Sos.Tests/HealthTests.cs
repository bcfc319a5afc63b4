using System.Net;
using System.Text.Json;
using Sos.Grains.Abstractions;
using Sos.Silo;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

/// <summary>Issue 13's health endpoints, on the real silo host: live, ready, and ready failing with the storage.</summary>
[Collection(ApiCollection.Name)]
public sealed class HealthTests(ApiFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LiveAnswersAndReadySaysTheClusterAndStorageWorkWithoutSignIn()
    {
        var live = await fixture.Http.GetAsync(SosHealth.LivePath, Cancel);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        var ready = await fixture.Http.GetAsync(SosHealth.ReadyPath, Cancel);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("application/json", ready.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(Cancel));
        var checks = body.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("cluster").GetProperty("status").GetString());
        Assert.Contains("silo(s) active", checks.GetProperty("cluster").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("Healthy", checks.GetProperty("storage").GetProperty("status").GetString());
        // This host's media servers may or may not answer here; without them the host is ready, Degraded, with why.
        var media = checks.GetProperty("media");
        Assert.Contains(media.GetProperty("status").GetString(), new[] { "Healthy", "Degraded" });
        Assert.False(string.IsNullOrEmpty(media.GetProperty("description").GetString()));
        Assert.Equal(media.GetProperty("status").GetString(), body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ReadyIs503WhileGrainStorageTakesNoWritesAndRecoversWithIt()
    {
        fixture.App.Faults.FailWritesOf(IHealthProbeGrain.Key);
        try
        {
            var failing = await fixture.Http.GetAsync(SosHealth.ReadyPath, Cancel);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failing.StatusCode);
            using var body = JsonDocument.Parse(await failing.Content.ReadAsStringAsync(Cancel));
            Assert.Equal("Unhealthy", body.RootElement.GetProperty("status").GetString());
            var storage = body.RootElement.GetProperty("checks").GetProperty("storage");
            Assert.Equal("Unhealthy", storage.GetProperty("status").GetString());
            Assert.Contains("does not take a write", storage.GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await fixture.Http.GetAsync(SosHealth.LivePath, Cancel)).StatusCode);
        }
        finally
        {
            fixture.App.Faults.Heal();
        }

        Assert.Equal(HttpStatusCode.OK, (await fixture.Http.GetAsync(SosHealth.ReadyPath, Cancel)).StatusCode);
    }
}
