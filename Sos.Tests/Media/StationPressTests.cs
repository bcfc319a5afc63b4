using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Sos.Grains.Abstractions;
using Sos.Tests.Browser;

namespace Sos.Tests.Media;

/// <summary>
/// A SIP intercom presses by SIP: an out-of-dialog MESSAGE to the console's own kamailio, which hands it to Sos. The
/// press is idempotent like the device API's: a request sent again is the same press, and a gateway that reports one
/// press over both (the same <c>X-Sos-Press-Id</c>) makes one call. Requests that are not presses are answered so and
/// open nothing. Sent by Debian's sipsak from the media address, inside the media tests' network namespace.
/// </summary>
[Collection(MediaCollection.Name)]
[Trait("Category", "Media")]
public sealed class StationPressTests(MediaFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SamePressIdOverTheDeviceApiAndOverSipGivesOneCall()
    {
        var centre = ConsoleFixture.NewCentre();
        var station = $"sip:gate-{Guid.NewGuid():N}"[..17] + $"@{MediaFixture.StationAddress}:5099";
        var kiosk = await fixture.AddIntercomAsync(centre, "Bus station help point", "Bus station, platform 2", new SipStation(station, ["PCMA"], Registers: false, PressCode: "SOS"));
        var secret = await kiosk.IssueSecretAsync(Actors.Tool("test"));

        // The gateway reports the press over the device API …
        var pressId = Guid.NewGuid();
        using var http = new HttpClient { BaseAddress = fixture.App.Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/kiosks/{kiosk.GetPrimaryKeyString()}/presses")
        {
            Content = new StringContent($$"""{"pressId": "{{pressId}}"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var response = await http.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var callId = PressCallIdOf(await response.Content.ReadAsStringAsync(Cancel));

        // … and the station's MESSAGE carries the same press id: the same call, not a second one.
        var sip = await SipMessage.SendAsync(fixture.SipServer, station, "SOS", $"{Guid.NewGuid():N}@{MediaFixture.StationAddress}", pressId: pressId);
        Assert.True(sip.Status == 202, sip.Output);
        Assert.Equal(callId, sip.CallId);
        var after = await kiosk.GetAsync();
        Assert.Equal(callId, after.OpenCallId);
        Assert.Equal(1L, after.CallCount);
        Assert.True((await fixture.Client.GetCall(callId).GetAsync()).IsOpen);
    }

    [Fact]
    public async Task StationsMessageIsAPressAndTheSameMessageSentAgainIsTheSamePress()
    {
        var centre = ConsoleFixture.NewCentre();
        var station = $"sip:post-{Guid.NewGuid():N}"[..17] + $"@{MediaFixture.StationAddress}:5098";
        var kiosk = await fixture.AddIntercomAsync(centre, "Ferry help point", "Ferry pier", new SipStation(station, ["PCMA"], Registers: false, PressCode: "SOS"));
        var sipCallId = $"{Guid.NewGuid():N}@{MediaFixture.StationAddress}";

        // A body that is not the press code is not a press: answered 400, nothing opened.
        var chatter = await SipMessage.SendAsync(fixture.SipServer, station, "DOOR OPEN", sipCallId, cseq: 1);
        Assert.True(chatter.Status == 400, chatter.Output);
        Assert.Null((await kiosk.GetAsync()).OpenCallId);

        // The press code opens a call; the same request again (its answer lost) is the same press and the same call.
        var pressed = await SipMessage.SendAsync(fixture.SipServer, station, "sos\r\n", sipCallId, cseq: 2);
        Assert.True(pressed.Status == 202, pressed.Output);
        var again = await SipMessage.SendAsync(fixture.SipServer, station, "SOS", sipCallId, cseq: 2);
        Assert.Equal(pressed.CallId, again.CallId);
        var kioskNow = await kiosk.GetAsync();
        Assert.Equal(pressed.CallId, kioskNow.OpenCallId);
        Assert.Equal(1L, kioskNow.PressCount);
        var call = await fixture.Client.GetCall(pressed.CallId!.Value).GetAsync();
        Assert.True(call.IsOpen);
        Assert.Equal(kiosk.GetPrimaryKeyString(), call.KioskId);

        // A new press of the station (its next request) joins the open call.
        var next = await SipMessage.SendAsync(fixture.SipServer, station, "SOS", sipCallId, cseq: 3);
        Assert.Equal(pressed.CallId, next.CallId);
        Assert.Equal(2L, (await kiosk.GetAsync()).PressCount);

        // A MESSAGE from no registered station opens nothing: 404.
        var stranger = await SipMessage.SendAsync(fixture.SipServer, $"sip:stranger@{MediaFixture.StationAddress}", "SOS", $"{Guid.NewGuid():N}@x");
        Assert.True(stranger.Status == 404, stranger.Output);
    }

    [Fact]
    public async Task StationsInviteIsItsPressAnsweredThatSosCallsItBackAndTheSameInviteAgainIsTheSamePress()
    {
        var centre = ConsoleFixture.NewCentre();
        var station = $"sip:call-{Guid.NewGuid():N}"[..17] + $"@{MediaFixture.StationAddress}:5097";
        var kiosk = await fixture.AddIntercomAsync(centre, "Stadium help point", "Stadium, south stand", new SipStation(station, ["PCMA"], Registers: false, PressCode: "SOS"));
        var sipCallId = $"{Guid.NewGuid():N}@{MediaFixture.StationAddress}";

        // The station calls Sos (its body an audio offer, not its press code): the call opens and rings, and the station
        // is told Sos calls it back (480, with the call), so it is free when an operator answers.
        var called = await SipMessage.SendAsync(fixture.SipServer, station, string.Empty, sipCallId, method: "INVITE");
        Assert.True(called.Status == 480, called.Output);
        Assert.Contains("Sos calls back when an operator answers", called.Output, StringComparison.Ordinal);
        var opened = await kiosk.GetAsync();
        Assert.Equal(called.CallId, opened.OpenCallId);
        Assert.Contains((await fixture.Client.GetCall(called.CallId!.Value).GetAsync()).Status, new[] { CallStatus.Queued, CallStatus.Ringing });

        // The same INVITE again (its answer lost) is the same press.
        var again = await SipMessage.SendAsync(fixture.SipServer, station, string.Empty, sipCallId, method: "INVITE");
        Assert.Equal(called.CallId, again.CallId);
        Assert.Equal(1L, (await kiosk.GetAsync()).PressCount);

        // An INVITE from no registered station opens nothing.
        var stranger = await SipMessage.SendAsync(fixture.SipServer, $"sip:stranger@{MediaFixture.StationAddress}", string.Empty, $"{Guid.NewGuid():N}@x", method: "INVITE");
        Assert.True(stranger.Status == 404, stranger.Output);
    }

    private static Guid PressCallIdOf(string json) =>
        System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("callId").GetGuid();
}
