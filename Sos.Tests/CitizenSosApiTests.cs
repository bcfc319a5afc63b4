using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Sos.Grains.Abstractions;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

/// <summary>The citizen API's SOS, status by status: one call per SOS whatever the retries, never refused for what it says.</summary>
[Collection(ApiCollection.Name)]
public sealed class CitizenSosApiTests(ApiFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task RetriedSosIsOneCallInTheRoutingQueueWithTheCitizenOnIt()
    {
        var sos = Sos();

        var first = await PostAsync(sos);
        var again = await PostAsync(sos);

        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        Assert.Equal(first.Body.GetRawText(), again.Body.GetRawText());
        var sessionId = first.Body.GetProperty("sessionId").GetGuid();
        Assert.False(string.IsNullOrEmpty(first.Body.GetProperty("secret").GetString()));
        Assert.Equal("waiting", first.Body.GetProperty("status").GetString());
        Assert.Equal("accepted", first.Body.GetProperty("events")[0].GetProperty("kind").GetString());

        var call = await fixture.Cluster.GetCall(sessionId).GetAsync();
        Assert.Equal(CallChannel.Citizen, call.Channel);
        Assert.True(call.IsWaiting);
        Assert.Equal(SosConstants.DefaultCentreId, call.CentreId);
        Assert.Equal(CitizenIds.Caller(sessionId), call.KioskId);
        Assert.Equal(1, call.PressCount);
        Assert.Equal("Aigerim Nurlanovna", call.Citizen!.Request.Name);
        Assert.Equal(25.0, call.Citizen.Location!.AccuracyMeters);
        Assert.Equal(62, call.Citizen.Battery);
        Assert.Contains((await fixture.Cluster.GetWaitingList(SosConstants.DefaultCentreId).ReadAsync(0)).Entries, e => e.CallId == sessionId);

        var reused = await Http.PostAsJsonAsync("/api/citizen/v1/sos", Sos(requestId: sos.clientRequestId, silent: true), Cancel);
        await Problems.AssertAsync(reused, HttpStatusCode.Conflict, "client-request-reused");
    }

    [Fact]
    public async Task SosWithFieldsOutOfRangeStillRingsAndSaysWhatItLeftOut()
    {
        var body = new
        {
            clientRequestId = Guid.NewGuid(),
            deviceId = "phone-sos-0002",
            anonymous = true,
            name = "Someone",
            silent = true,
            language = "de",
            battery = 140,
            location = new { latitude = 95.0, longitude = 76.9, accuracy = 10, method = "gnss", fixAt = "2026-11-26T07:59:00Z" },
        };

        var (status, view) = await PostAsync(body);

        Assert.Equal(HttpStatusCode.Accepted, status);
        var ignored = view.GetProperty("ignored").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(ignored, i => i.StartsWith("\"name\"", StringComparison.Ordinal));
        Assert.Contains(ignored, i => i.StartsWith("\"language\"", StringComparison.Ordinal));
        Assert.Contains(ignored, i => i.StartsWith("\"battery\"", StringComparison.Ordinal));
        Assert.Contains(ignored, i => i.StartsWith("\"location\"", StringComparison.Ordinal));
        var call = await fixture.Cluster.GetCall(view.GetProperty("sessionId").GetGuid()).GetAsync();
        Assert.True(call.IsWaiting);
        Assert.Equal(CallPriority.High, call.Priority);
        Assert.Null(call.Citizen!.Request.Name);
        Assert.Null(call.Citizen.Location);
        Assert.Equal(Languages.Russian, call.Citizen.Request.Language);

        // Only an SOS that no retry could find again is refused.
        await Problems.AssertAsync(await Http.PostAsJsonAsync("/api/citizen/v1/sos", new { deviceId = "phone-sos-0002" }, Cancel), HttpStatusCode.BadRequest, "sos-invalid");
    }

    [Fact]
    public async Task BlockedOrBusyDeviceStillGetsItsSos()
    {
        const string device = "phone-sos-blocked";
        await fixture.Cluster.GetCitizenDevice(device).BlockAsync("abusive reports", Actors.Tool("test"));

        var (status, view) = await PostAsync(Sos(deviceId: device));

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.True((await fixture.Cluster.GetCall(view.GetProperty("sessionId").GetGuid()).GetAsync()).IsWaiting);
        Assert.Contains((await fixture.Cluster.GetCitizenDevice(device).GetAsync()).Reports, r => r.IsSos && r.Id == view.GetProperty("sessionId").GetGuid());
    }

    [Fact]
    public async Task PhoneSendsItsPlaceAndChatsWithItsSecretAndCancelsBeforeAnAnswer()
    {
        var (_, view) = await PostAsync(Sos());
        var sessionId = view.GetProperty("sessionId").GetGuid();
        var secret = view.GetProperty("secret").GetString()!;
        var path = $"/api/citizen/v1/sessions/{sessionId}";

        await Problems.AssertAsync(await Http.GetAsync(path, Cancel), HttpStatusCode.Unauthorized, "session-secret-missing");
        await Problems.AssertAsync(await SendAsync(HttpMethod.Get, path, "not-the-secret"), HttpStatusCode.Unauthorized, "session-secret-wrong");
        await Problems.AssertAsync(await SendAsync(HttpMethod.Get, $"/api/citizen/v1/sessions/{Guid.NewGuid()}", secret), HttpStatusCode.NotFound, "session-unknown");
        await Problems.AssertAsync(await SendAsync(HttpMethod.Get, "/api/citizen/v1/sessions/not-a-uuid", secret), HttpStatusCode.BadRequest, "session-id-invalid");

        var moved = await SendAsync(HttpMethod.Post, $"{path}/locations", secret, new { latitude = 52.2880, longitude = 76.9601, accuracy = 8, method = "gnss", fixAt = "2026-11-26T07:59:50Z", battery = 60 });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        await Problems.AssertAsync(await SendAsync(HttpMethod.Post, $"{path}/locations", secret, new { latitude = 52.2880, longitude = 276.0, accuracy = 8, method = "gnss", fixAt = "2026-11-26T07:59:50Z" }), HttpStatusCode.BadRequest, "location-invalid");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Post, $"{path}/messages", secret, new { text = "He is still behind the garages" })).StatusCode);
        await Problems.AssertAsync(await SendAsync(HttpMethod.Post, $"{path}/messages", secret, new { text = "  " }), HttpStatusCode.BadRequest, "message-invalid");

        var call = await fixture.Cluster.GetCall(sessionId).GetAsync();
        Assert.Equal(8.0, call.Citizen!.Location!.AccuracyMeters);
        Assert.Single(call.Citizen.Trail);
        Assert.Equal(60, call.Citizen.Battery);
        Assert.Equal("He is still behind the garages", Assert.Single(call.Citizen.Chat).Text);

        var cancelled = await SendAsync(HttpMethod.Post, $"{path}/cancel", secret);
        var after = JsonDocument.Parse(await cancelled.Content.ReadAsStringAsync(Cancel)).RootElement;
        Assert.Equal("cancelled", after.GetProperty("status").GetString());
        Assert.Equal("cancelled", after.GetProperty("events").EnumerateArray().Last().GetProperty("kind").GetString());
        Assert.Equal(CallStatus.Abandoned, (await fixture.Cluster.GetCall(sessionId).GetAsync()).Status);
        Assert.Contains((await fixture.Cluster.GetCall(sessionId).GetAsync()).Timeline, e => e.Kind == CallEventKind.Abandoned && e.Actor == Actors.Citizen(sessionId));
        await Problems.AssertAsync(await SendAsync(HttpMethod.Post, $"{path}/messages", secret, new { text = "hello?" }), HttpStatusCode.Conflict, "session-ended");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string secret, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return await Http.SendAsync(request, Cancel);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(object body)
    {
        var response = await Http.PostAsJsonAsync("/api/citizen/v1/sos", body, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        if ((int)response.StatusCode >= 400)
        {
            Problems.AssertWellFormed(response, text);
        }

        return (response.StatusCode, JsonDocument.Parse(text).RootElement);
    }

    private static SosRequest Sos(Guid? requestId = null, string deviceId = "phone-sos-0001", bool silent = false) =>
        new(requestId ?? Guid.NewGuid(), deviceId, "Aigerim Nurlanovna", "+77015550101", false, silent, "assault",
            new { latitude = 52.2871, longitude = 76.9674, accuracy = 25, method = "gnss", fixAt = "2026-11-26T07:59:30Z" }, "kk", 62, true);

    private sealed record SosRequest(Guid clientRequestId, string deviceId, string name, string phone, bool anonymous, bool silent, string category, object location, string language, int battery, bool video);
}
