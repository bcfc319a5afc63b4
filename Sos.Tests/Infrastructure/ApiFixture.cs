using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;
using Sos.Grains.Abstractions;

namespace Sos.Tests.Infrastructure;

/// <summary>One Sos host (TestServer, Memory mode, fake clock) for the device API tests; every test makes its own kiosks.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    /// <summary>The host.</summary>
    /// <remarks>
    /// Its tests share one address and the demo kiosks, so the per-kiosk heartbeat limit is lifted here; the limit is
    /// tried on a host of its own with the defaults.
    /// </remarks>
    public SosAppFactory App { get; } = new(
        new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero)),
        kestrel: false,
        new Dictionary<string, string?> { ["Sos:DeviceApi:RequestBurst"] = "1000000", ["Sos:DeviceApi:RequestsPerSecond"] = "1000000" });

    /// <summary>The host's clock.</summary>
    public FakeTimeProvider Clock => App.Clock!;

    /// <summary>The host silo's cluster client.</summary>
    public IClusterClient Cluster => App.Cluster;

    /// <summary>An HTTP client of the device API with no credentials.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <inheritdoc />
    public ValueTask InitializeAsync()
    {
        Http = App.CreateClient();
        return ValueTask.CompletedTask;
    }

    /// <summary>A fresh centre id.</summary>
    public static string NewCentre() => $"centre-{Guid.NewGuid():N}";

    /// <summary>Registers a kiosk in service in <paramref name="centreId"/> (a fresh centre when null) and issues its secret.</summary>
    public async Task<TestKiosk> AddKioskAsync(string? centreId = null, TimeSpan? heartbeatInterval = null)
    {
        var kioskId = $"kiosk-{Guid.NewGuid():N}";
        var grain = Cluster.GetKiosk(kioskId);
        await grain.RegisterAsync(new KioskRegistration("Test kiosk", "Embankment 1", 52.288, 76.942, "Central", centreId ?? NewCentre(), heartbeatInterval), Actors.Tool("test"));
        await grain.ChangeLifecycleAsync(KioskLifecycle.InService, Actors.Tool("test"));
        return new TestKiosk(kioskId, await grain.IssueSecretAsync(Actors.Tool("test")), grain);
    }

    /// <summary>A request with the kiosk's secret.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string path, string? secret, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (secret is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        }

        return request;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
    }
}
