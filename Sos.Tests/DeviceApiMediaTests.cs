using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sos.Grains.Abstractions;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

/// <summary>
/// The device API's media signalling refuses what it cannot take with a problem and a reason, and never touches the
/// call. This host has no media server (Memory mode with none configured), so a well-formed offer gets 503
/// media-unavailable while the call itself rings on; the media tests negotiate real legs with Janus.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DeviceApiMediaTests(ApiFixture fixture)
{
    private const string Offer = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=sendonly\r\n";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task MalformedSdpIsABadRequest()
    {
        var (kiosk, callId) = await PressAsync();

        var response = await SendAsync(kiosk, $"{kiosk.Call(callId)}/media/publish", new { sdp = "hello, janus" });

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "sdp-invalid");
    }

    [Fact]
    public async Task AnotherKiosksCallIsNotFound()
    {
        var (_, callId) = await PressAsync();
        var other = await fixture.AddKioskAsync();

        var response = await SendAsync(other, $"{other.Call(callId)}/media/publish", new { sdp = Offer });

        await Problems.AssertAsync(response, HttpStatusCode.NotFound, "unknown-call");
    }

    [Fact]
    public async Task MediaOfACallThatHasEndedIsAConflict()
    {
        var (kiosk, callId) = await PressAsync();
        await fixture.Cluster.GetCall(callId).HangUpFromKioskAsync();

        var response = await SendAsync(kiosk, $"{kiosk.Call(callId)}/media/publish", new { sdp = Offer });

        await Problems.AssertAsync(response, HttpStatusCode.Conflict, "call-ended");
    }

    [Fact]
    public async Task WithoutAMediaServerAnOfferIsUnavailableAndTheCallGoesOn()
    {
        var (kiosk, callId) = await PressAsync();

        var response = await SendAsync(kiosk, $"{kiosk.Call(callId)}/media/publish", new { sdp = Offer });

        var problem = await Problems.AssertAsync(response, HttpStatusCode.ServiceUnavailable, "media-unavailable");
        Assert.Contains("No media server is configured", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotNull(response.Headers.RetryAfter);
        var call = await fixture.Cluster.GetCall(callId).GetAsync();
        Assert.True(call.IsWaiting, $"the call still waits for an operator: {call.Status}");

        var media = await Http.SendAsync(ApiFixture.Request(HttpMethod.Get, $"{kiosk.Call(callId)}/media", kiosk.Secret), Cancel);
        Assert.Equal(HttpStatusCode.OK, media.StatusCode);
        var view = await media.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("unavailable", view.GetProperty("status").GetString());
        Assert.False(view.GetProperty("operatorAudio").GetBoolean());
    }

    [Fact]
    public async Task OperatorsVoiceAskedForBeforeItIsOnTheCallIsNotReadyYet()
    {
        var (kiosk, callId) = await PressAsync();

        var response = await Http.SendAsync(ApiFixture.Request(HttpMethod.Post, $"{kiosk.Call(callId)}/media/receive", kiosk.Secret), Cancel);

        // No media server: the media session cannot even be asked; with one, the answer is 409 operator-audio-not-ready.
        await Problems.AssertAsync(response, HttpStatusCode.ServiceUnavailable, "media-unavailable");
    }

    [Fact]
    public async Task AnswerToALegNobodyOfferedIsRefused()
    {
        var (kiosk, callId) = await PressAsync();

        var response = await SendAsync(kiosk, $"{kiosk.Call(callId)}/media/legs/leg-0000/answer", new { sdp = Offer });

        await Problems.AssertAsync(response, HttpStatusCode.NotFound, "leg-unknown");
    }

    [Fact]
    public async Task SdpBodyWithoutTheSecretIsUnauthorized()
    {
        var (kiosk, callId) = await PressAsync();

        var response = await Http.SendAsync(ApiFixture.Request(HttpMethod.Post, $"{kiosk.Call(callId)}/media/publish", null, JsonContent.Create(new { sdp = Offer })), Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.Unauthorized, "secret-missing");
    }

    private async Task<(TestKiosk Kiosk, Guid CallId)> PressAsync()
    {
        var kiosk = await fixture.AddKioskAsync();
        var response = await kiosk.PressAsync(Http, Guid.NewGuid());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (kiosk, (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("callId").GetGuid());
    }

    private Task<HttpResponseMessage> SendAsync(TestKiosk kiosk, string path, object body) =>
        Http.SendAsync(ApiFixture.Request(HttpMethod.Post, path, kiosk.Secret, JsonContent.Create(body)), Cancel);
}
