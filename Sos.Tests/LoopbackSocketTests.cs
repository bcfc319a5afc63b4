using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sos.Grains.Abstractions;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

[Collection(SocketCollection.Name)]
public sealed class LoopbackSocketTests(SocketFixture fixture)
{
    [Fact]
    public async Task PressOverARealSocketIsAcknowledgedAndItsCallRingsAnOperator()
    {
        var cancel = TestContext.Current.CancellationToken;
        var centre = $"centre-{Guid.NewGuid():N}";
        var kioskId = $"kiosk-{Guid.NewGuid():N}";
        var kiosk = fixture.Client.GetKiosk(kioskId);
        await kiosk.RegisterAsync(new KioskRegistration("Socket kiosk", "Embankment 2", 52.288, 76.942, "Central", centre), Actors.Tool("test"));
        var secret = await kiosk.IssueSecretAsync(Actors.Tool("test"));
        var login = $"anna@{centre}";
        await fixture.Client.GetOperator(login).ChangePresenceAsync(centre, OperatorPresence.Available);
        await using var calls = await StreamRecorder<CallSnapshot>.SubscribeAsync(fixture.Client.GetStreamProvider(SosConstants.StreamProvider).CallChanges(centre));
        using var http = new HttpClient { BaseAddress = fixture.BaseAddress };
        var pressId = Guid.NewGuid();

        var response = await http.SendAsync(ApiFixture.Request(HttpMethod.Post, $"api/v1/kiosks/{kioskId}/presses", secret, JsonContent.Create(new { pressId, pressedAt = DateTimeOffset.UtcNow })), cancel);
        var garbage = await http.SendAsync(ApiFixture.Request(HttpMethod.Post, $"api/v1/kiosks/{kioskId}/presses", secret, new StringContent("{\"pressId\":", System.Text.Encoding.UTF8, "application/json")), cancel);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var callId = (await response.Content.ReadFromJsonAsync<JsonElement>(cancel)).GetProperty("callId").GetGuid();
        var ringing = await calls.WaitForAsync(c => c.CallId == callId && c.Status == CallStatus.Ringing, "the call ringing anna");
        Assert.Equal([login], ringing.RingingOperators);
        await Problems.AssertAsync(garbage, HttpStatusCode.BadRequest, "malformed-json");
        Assert.Equal(1, (await kiosk.GetAsync()).PressCount);
    }
}
