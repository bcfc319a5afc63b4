using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Sos.Grains.Abstractions;
using Sos.Silo.Demo;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

[Collection(ApiCollection.Name)]
public sealed class DeviceApiTests(ApiFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task PressIsAcknowledgedWithItsQueuedCall()
    {
        var kiosk = await fixture.AddKioskAsync();

        var response = await kiosk.PressAsync(Http, Guid.NewGuid());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var callId = body.GetProperty("callId").GetGuid();
        Assert.Equal("queued", body.GetProperty("status").GetString());
        Assert.False(body.GetProperty("joined").GetBoolean());
        Assert.Equal(kiosk.Call(callId), response.Headers.Location?.OriginalString);
        var call = await fixture.Cluster.GetCall(callId).GetAsync();
        Assert.Equal(kiosk.Id, call.KioskId);
        Assert.Equal(callId, (await kiosk.Grain.GetAsync()).OpenCallId);
    }

    [Fact]
    public async Task SamePressIdAgainReturnsTheSameCall()
    {
        var kiosk = await fixture.AddKioskAsync();
        var pressId = Guid.NewGuid();

        var first = await CallIdOf(await kiosk.PressAsync(Http, pressId));
        await fixture.Cluster.GetCall(first).HangUpFromKioskAsync();
        var again = await CallIdOf(await kiosk.PressAsync(Http, pressId));

        Assert.Equal(first, again);
        var snapshot = await kiosk.Grain.GetAsync();
        Assert.Equal(1, snapshot.PressCount);
        Assert.Equal(1, snapshot.CallCount);
    }

    [Fact]
    public async Task ConcurrentRetriesOfOnePressIdOpenOneCall()
    {
        var kiosk = await fixture.AddKioskAsync();
        var pressId = Guid.NewGuid();

        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => kiosk.PressAsync(Http, pressId)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var callIds = await Task.WhenAll(responses.Select(CallIdOf));
        Assert.Single(callIds.Distinct());
        var snapshot = await kiosk.Grain.GetAsync();
        Assert.Equal(1, snapshot.CallCount);
        Assert.Equal(1, snapshot.PressCount);
    }

    [Fact]
    public async Task SecondPressJoinsTheOpenCall()
    {
        var kiosk = await fixture.AddKioskAsync();
        var first = await CallIdOf(await kiosk.PressAsync(Http, Guid.NewGuid()));

        var response = await kiosk.PressAsync(Http, Guid.NewGuid());

        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(first, body.GetProperty("callId").GetGuid());
        Assert.True(body.GetProperty("joined").GetBoolean());
        Assert.Equal(CallPriority.High, (await fixture.Cluster.GetCall(first).GetAsync()).Priority);
    }

    [Fact]
    public async Task PressFloodOnAnOpenCallWritesTheKioskAndTheCallAtMostOnceASecondAndCountsEveryPress()
    {
        var kiosk = await fixture.AddKioskAsync();
        var callId = await CallIdOf(await kiosk.PressAsync(Http, Guid.NewGuid()));
        var (kioskKey, callKey) = (kiosk.Id, callId.ToString("N"));
        var faults = fixture.App.Faults;
        var before = (Kiosk: faults.WritesOf(kioskKey), Call: faults.WritesOf(callKey));
        var started = Stopwatch.StartNew();

        // A held or hammered button: 150 presses on the open call, as fast as they come.
        for (var i = 0; i < 150; i++)
        {
            var response = await kiosk.PressAsync(Http, Guid.NewGuid());
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var seconds = started.Elapsed.TotalSeconds;
        var kioskWrites = faults.WritesOf(kioskKey) - before.Kiosk;
        var callWrites = faults.WritesOf(callKey) - before.Call;
        TestContext.Current.TestOutputHelper?.WriteLine($"150 joined presses in {seconds:0.00} s: {kioskWrites} kiosk writes, {callWrites} call writes");

        // At most one write a second each, plus the first press's (which raises the call's priority at once).
        Assert.InRange(kioskWrites, 1, (int)Math.Ceiling(seconds) + 2);
        Assert.InRange(callWrites, 1, (int)Math.Ceiling(seconds) + 2);
        Assert.Equal(CallPriority.High, (await fixture.Cluster.GetCall(callId).GetAsync()).Priority);
        Assert.Equal(151, (await fixture.Cluster.GetCall(callId).GetAsync()).PressCount);
        Assert.Equal(151, (await kiosk.Grain.GetAsync()).PressCount);

        // What waited in memory is written within a second of the last press.
        await Poll.UntilAsync(() => Task.FromResult(faults.LastWrittenOf(callKey)), s => s is CallSnapshot { PressCount: 151 }, "the call's last presses written", TimeSpan.FromSeconds(5));
        await Poll.UntilAsync(() => Task.FromResult(faults.LastWrittenOf(kioskKey)), s => s is Sos.Grains.Kiosks.KioskState { Kiosk.PressCount: 151 }, "the kiosk's last presses written", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task KioskSeesWhenAnOperatorAnswersAndItsHangUpIsRecorded()
    {
        var centre = ApiFixture.NewCentre();
        var kiosk = await fixture.AddKioskAsync(centre);
        var login = $"anna@{centre}";
        var streams = fixture.Cluster.GetStreamProvider(SosConstants.StreamProvider);
        await using var calls = await StreamRecorder<CallSnapshot>.SubscribeAsync(streams.CallChanges(centre));
        await fixture.Cluster.GetOperator(login).ChangePresenceAsync(centre, OperatorPresence.Available);
        var callId = await CallIdOf(await kiosk.PressAsync(Http, Guid.NewGuid()));
        await calls.WaitForAsync(c => c.CallId == callId && c.Status == CallStatus.Ringing, "the call ringing anna");
        var beforeAnswer = await GetCallAsync(kiosk, callId);
        Assert.Equal("ringing", beforeAnswer.GetProperty("status").GetString());
        Assert.False(beforeAnswer.GetProperty("operatorConnected").GetBoolean());

        await fixture.Cluster.GetOperator(login).AnswerAsync(callId);

        var answered = await GetCallAsync(kiosk, callId);
        Assert.Equal("connected", answered.GetProperty("status").GetString());
        Assert.True(answered.GetProperty("operatorConnected").GetBoolean());
        Assert.True(answered.GetProperty("answered").GetBoolean());
        var cancel = await Http.SendAsync(ApiFixture.Request(HttpMethod.Post, kiosk.Cancel(callId), kiosk.Secret), Cancel);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal("connected", (await cancel.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("status").GetString());
        Assert.Equal(CallEventKind.KioskHungUp, (await fixture.Cluster.GetCall(callId).GetAsync()).Timeline[^1].Kind);
    }

    [Fact]
    public async Task CancelBeforeAnAnswerAbandonsTheCallForACallBack()
    {
        var kiosk = await fixture.AddKioskAsync();
        var callId = await CallIdOf(await kiosk.PressAsync(Http, Guid.NewGuid()));

        var response = await Http.SendAsync(ApiFixture.Request(HttpMethod.Post, kiosk.Cancel(callId), kiosk.Secret), Cancel);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(callId, body.GetProperty("callId").GetGuid());
        Assert.Equal("abandoned", body.GetProperty("status").GetString());
        Assert.Equal("abandoned", (await GetCallAsync(kiosk, callId)).GetProperty("status").GetString());
        Assert.True((await fixture.Cluster.GetCall(callId).GetAsync()).NeedsCallback);
    }

    [Fact]
    public async Task HeartbeatIsRecordedAndAFaultRaisesAnAlert()
    {
        var kiosk = await fixture.AddKioskAsync();

        var response = await HeartbeatAsync(kiosk, new { camera = "fault", audio = "ok", tamper = false, power = "mains", firmware = "2.4.1" });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var snapshot = await kiosk.Grain.GetAsync();
        Assert.Equal(KioskConnectivity.Online, snapshot.Connectivity);
        Assert.Equal(new KioskHealth(false, true, false, PowerSource.Mains, "2.4.1"), snapshot.Health);
        var alert = Assert.Single(snapshot.Alerts);
        Assert.Equal(KioskAlertKind.CameraFault, alert.Kind);
        Assert.Equal(fixture.Clock.GetUtcNow(), alert.RaisedAt);
    }

    [Fact]
    public async Task MalformedJsonIsRefusedWith400()
    {
        var kiosk = await fixture.AddKioskAsync();

        var response = await Http.SendAsync(ApiFixture.Request(HttpMethod.Post, kiosk.Presses, kiosk.Secret, Json("{\"pressId\": ")), Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "malformed-json");
        Assert.Equal(0, (await kiosk.Grain.GetAsync()).PressCount);
    }

    [Theory]
    [InlineData("ru-RU,ru;q=0.9,en;q=0.5", "ru")]
    [InlineData("kk", "kk")]
    [InlineData("en-US,ru;q=0.5", null)]
    [InlineData("de", null)]
    public async Task ProblemIsWordedInTheLanguageTheRequestAsksForWithTheSameReason(string acceptLanguage, string? worded)
    {
        var kiosk = await fixture.AddKioskAsync();
        var request = ApiFixture.Request(HttpMethod.Post, kiosk.Presses, kiosk.Secret, Json("{}"));
        request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);

        var problem = await Problems.AssertAsync(await Http.SendAsync(request, Cancel), HttpStatusCode.BadRequest, "press-id-missing");

        var words = Sos.Silo.DeviceApi.DeviceApiProblems.Words;
        var culture = worded is null ? System.Globalization.CultureInfo.InvariantCulture : System.Globalization.CultureInfo.GetCultureInfo(worded);
        Assert.Equal(worded is null ? "Bad Request" : words.GetString("Title.400", culture), problem.GetProperty("title").GetString());
        Assert.Equal(
            worded is null ? "The body needs \"pressId\": a UUID the device makes for the press." : words.GetString("Detail.press-id-missing", culture),
            problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("{}", "press-id-missing")]
    [InlineData("{\"pressId\": \"\"}", "press-id-missing")]
    [InlineData("{\"pressId\": \"not-a-uuid\"}", "press-id-invalid")]
    [InlineData("{\"pressId\": \"00000000-0000-0000-0000-000000000000\"}", "press-id-invalid")]
    [InlineData("{\"pressId\": 42}", "malformed-json")]
    [InlineData("[]", "malformed-json")]
    [InlineData("null", "malformed-json")]
    [InlineData("{\"pressId\": \"0f8fad5b-d9cb-469f-a165-70867728950e\", \"pressedAt\": \"yesterday\"}", "pressed-at-invalid")]
    [InlineData("{\"pressId\": \"0f8fad5b-d9cb-469f-a165-70867728950e\", \"pressedAt\": \"2026-11-26T08:00:00\"}", "pressed-at-invalid")]
    public async Task PressWithoutAValidPressIdIsRefusedWith400(string body, string reason)
    {
        var kiosk = await fixture.AddKioskAsync();

        var response = await Http.SendAsync(ApiFixture.Request(HttpMethod.Post, kiosk.Presses, kiosk.Secret, Json(body)), Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, reason);
        Assert.Equal(0, (await kiosk.Grain.GetAsync()).PressCount);
    }

    [Theory]
    [InlineData("{\"camera\": \"ok\", \"audio\": \"ok\", \"tamper\": false}")]
    [InlineData("{\"camera\": \"broken\", \"audio\": \"ok\", \"tamper\": false, \"power\": \"mains\"}")]
    [InlineData("{\"camera\": \"ok\", \"audio\": \"ok\", \"tamper\": false, \"power\": \"solar\"}")]
    public async Task HeartbeatWithoutItsHealthIsRefusedWith400(string body)
    {
        var kiosk = await fixture.AddKioskAsync();

        var response = await Http.SendAsync(ApiFixture.Request(HttpMethod.Post, kiosk.Heartbeats, kiosk.Secret, Json(body)), Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "heartbeat-invalid");
        Assert.Null((await kiosk.Grain.GetAsync()).LastHeartbeatAt);
    }

    [Theory]
    [InlineData("Pvl-Upper")]
    [InlineData("bad%20id")]
    [InlineData("-leading-dash")]
    [InlineData("dot.ted")]
    public async Task MalformedKioskIdIsRefusedWith400(string kioskId)
    {
        var response = await Http.SendAsync(ApiFixture.Request(HttpMethod.Post, $"/api/v1/kiosks/{kioskId}/presses", "whatever", Json("{}")), Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "kiosk-id-invalid");
    }

    [Fact]
    public async Task MalformedCallIdIsRefusedWith400()
    {
        var kiosk = await fixture.AddKioskAsync();

        var response = await Http.SendAsync(ApiFixture.Request(HttpMethod.Get, $"/api/v1/kiosks/{kiosk.Id}/calls/12345", kiosk.Secret), Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "call-id-invalid");
    }

    [Fact]
    public async Task RequestWithoutASecretIsRefusedWith401AndAChallenge()
    {
        var kiosk = await fixture.AddKioskAsync();

        var missing = await Http.SendAsync(ApiFixture.Request(HttpMethod.Post, kiosk.Presses, null, JsonContent.Create(new { pressId = Guid.NewGuid() })), Cancel);

        await Problems.AssertAsync(missing, HttpStatusCode.Unauthorized, "secret-missing");
        Assert.Equal("Bearer", missing.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(0, (await kiosk.Grain.GetAsync()).PressCount);
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz", "secret-malformed")]
    [InlineData("Bearer not-the-secret", "secret-wrong")]
    [InlineData("Bearer a b c", "secret-wrong")]
    [InlineData("bearer kiosk-0000.AAAA", "secret-wrong")]
    public async Task RequestWithAWrongSecretIsRefusedWith401(string authorization, string reason)
    {
        var kiosk = await fixture.AddKioskAsync();
        var request = ApiFixture.Request(HttpMethod.Post, kiosk.Presses, null, JsonContent.Create(new { pressId = Guid.NewGuid() }));
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        var response = await Http.SendAsync(request, Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.Unauthorized, reason);
        Assert.Equal(0, (await kiosk.Grain.GetAsync()).PressCount);
    }

    [Fact]
    public async Task RotatedSecretIsRefusedWith401()
    {
        var kiosk = await fixture.AddKioskAsync();
        var rotated = await kiosk.Grain.IssueSecretAsync(Actors.Tool("test"));

        var old = await kiosk.PressAsync(Http, Guid.NewGuid());
        var current = await kiosk.PressAsync(Http, Guid.NewGuid(), rotated);

        await Problems.AssertAsync(old, HttpStatusCode.Unauthorized, "secret-wrong");
        Assert.Equal(HttpStatusCode.Accepted, current.StatusCode);
    }

    [Fact]
    public async Task SecretOfAnotherKioskIsRefusedWith403()
    {
        var kiosk = await fixture.AddKioskAsync();
        var other = await fixture.AddKioskAsync();

        var response = await kiosk.PressAsync(Http, Guid.NewGuid(), other.Secret);

        await Problems.AssertAsync(response, HttpStatusCode.Forbidden, "secret-of-another-kiosk");
        Assert.Equal(0, (await kiosk.Grain.GetAsync()).PressCount);
        Assert.Equal(0, (await other.Grain.GetAsync()).PressCount);
    }

    [Fact]
    public async Task UnknownKioskGetsTheSame401AsAWrongSecretSoKioskIdsCannotBeEnumerated()
    {
        var kioskId = $"kiosk-{Guid.NewGuid():N}";
        var known = await fixture.AddKioskAsync();

        var unknown = await Http.SendAsync(ApiFixture.Request(HttpMethod.Post, $"/api/v1/kiosks/{kioskId}/presses", $"{kioskId}.secret", JsonContent.Create(new { pressId = Guid.NewGuid() })), Cancel);
        var wrong = await Http.SendAsync(ApiFixture.Request(HttpMethod.Post, $"/api/v1/kiosks/{known.Id}/presses", $"{known.Id}.secret", JsonContent.Create(new { pressId = Guid.NewGuid() })), Cancel);

        await Problems.AssertAsync(unknown, HttpStatusCode.Unauthorized, "secret-wrong");
        await Problems.AssertAsync(wrong, HttpStatusCode.Unauthorized, "secret-wrong");
        Assert.Equal(unknown.Headers.WwwAuthenticate.ToString(), wrong.Headers.WwwAuthenticate.ToString());
        Assert.False((await fixture.Cluster.GetKiosk(kioskId).GetAsync()).IsRegistered);
        Assert.Equal(0, (await known.Grain.GetAsync()).PressCount);
    }

    [Fact]
    public async Task HeartbeatFloodFromOneKioskIsLimitedWith429WhileItsPressAndOtherKiosksGoThrough()
    {
        // A host of its own, with the default limits.
        await using var app = new SosAppFactory(null, kestrel: false);
        using var http = app.CreateClient();
        var kiosk = await RegisterAsync(app.Cluster);
        var other = await RegisterAsync(app.Cluster);
        var healthy = new { camera = "ok", audio = "ok", tamper = false, power = "mains" };

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 30; i++)
        {
            answers.Add(await http.SendAsync(ApiFixture.Request(HttpMethod.Post, kiosk.Heartbeats, kiosk.Secret, JsonContent.Create(healthy)), Cancel));
        }

        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.NoContent);
        var limited = answers.First(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        await Problems.AssertAsync(limited, HttpStatusCode.TooManyRequests, "too-many-requests");
        Assert.Equal("1", limited.Headers.RetryAfter?.ToString());

        // An emergency is never throttled away, and another kiosk keeps its own allowance.
        Assert.Equal(HttpStatusCode.Accepted, (await kiosk.PressAsync(http, Guid.NewGuid())).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await http.SendAsync(ApiFixture.Request(HttpMethod.Post, other.Heartbeats, other.Secret, JsonContent.Create(healthy)), Cancel)).StatusCode);
    }

    [Fact]
    public async Task PressFloodOnAnOpenCallIsLimitedButAPressThatWouldOpenACallNeverIs()
    {
        // A host of its own, with the default limits.
        await using var app = new SosAppFactory(null, kestrel: false);
        using var http = app.CreateClient();
        var kiosk = await RegisterAsync(app.Cluster);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 30; i++)
        {
            answers.Add(await kiosk.PressAsync(http, Guid.NewGuid()));
        }

        var accepted = await Task.WhenAll(answers.Where(a => a.StatusCode == HttpStatusCode.Accepted).Select(CallIdOf));
        var callId = Assert.Single(accepted.Distinct());
        Assert.True(accepted.Length > 1, "presses joined the open call before the allowance was spent");
        var limited = answers.First(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        await Problems.AssertAsync(limited, HttpStatusCode.TooManyRequests, "too-many-presses");
        Assert.Equal("1", limited.Headers.RetryAfter?.ToString());
        Assert.Equal(HttpStatusCode.Accepted, answers[0].StatusCode);

        // The call ends; the allowance is still spent, and the next press opens a new call all the same.
        await app.Cluster.GetCall(callId).HangUpFromKioskAsync();
        var next = await kiosk.PressAsync(http, Guid.NewGuid());
        Assert.Equal(HttpStatusCode.Accepted, next.StatusCode);
        var body = await next.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.False(body.GetProperty("joined").GetBoolean());
        Assert.NotEqual(callId, body.GetProperty("callId").GetGuid());
    }

    private static async Task<TestKiosk> RegisterAsync(IClusterClient cluster)
    {
        var kioskId = $"kiosk-{Guid.NewGuid():N}";
        var grain = cluster.GetKiosk(kioskId);
        await grain.RegisterAsync(new KioskRegistration("Test kiosk", "Embankment 1", 52.288, 76.942, "Central", ApiFixture.NewCentre()), Actors.Tool("test"));
        await grain.ChangeLifecycleAsync(KioskLifecycle.InService, Actors.Tool("test"));
        return new TestKiosk(kioskId, await grain.IssueSecretAsync(Actors.Tool("test")), grain);
    }

    [Fact]
    public async Task UnknownCallOrACallOfAnotherKioskIsRefusedWith404()
    {
        var kiosk = await fixture.AddKioskAsync();
        var other = await fixture.AddKioskAsync();
        var othersCall = await CallIdOf(await other.PressAsync(Http, Guid.NewGuid()));

        var unknown = await Http.SendAsync(ApiFixture.Request(HttpMethod.Get, kiosk.Call(Guid.NewGuid()), kiosk.Secret), Cancel);
        var notMine = await Http.SendAsync(ApiFixture.Request(HttpMethod.Get, kiosk.Call(othersCall), kiosk.Secret), Cancel);
        var cancelNotMine = await Http.SendAsync(ApiFixture.Request(HttpMethod.Post, kiosk.Cancel(othersCall), kiosk.Secret), Cancel);

        await Problems.AssertAsync(unknown, HttpStatusCode.NotFound, "unknown-call");
        await Problems.AssertAsync(notMine, HttpStatusCode.NotFound, "unknown-call");
        await Problems.AssertAsync(cancelNotMine, HttpStatusCode.NotFound, "unknown-call");
        Assert.Equal(CallStatus.Queued, (await fixture.Cluster.GetCall(othersCall).GetAsync()).Status);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task BodyOver16KiBIsRefusedWith413(bool announced)
    {
        var kiosk = await fixture.AddKioskAsync();
        var padding = new string('x', 17 * 1024);
        HttpContent content = Json($"{{\"pressId\": \"{Guid.NewGuid()}\", \"padding\": \"{padding}\"}}");
        if (!announced)
        {
            // Streamed without Content-Length: the limit holds while reading, too.
            content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(await content.ReadAsStringAsync(Cancel))));
            content.Headers.ContentType = new("application/json");
        }

        var response = await Http.SendAsync(ApiFixture.Request(HttpMethod.Post, kiosk.Presses, kiosk.Secret, content), Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
        Assert.Equal(0, (await kiosk.Grain.GetAsync()).PressCount);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task BodyThatIsNotJsonIsRefusedWith415(string? mediaType)
    {
        var kiosk = await fixture.AddKioskAsync();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes($"{{\"pressId\": \"{Guid.NewGuid()}\"}}"));
        if (mediaType is not null)
        {
            content.Headers.ContentType = new(mediaType);
        }

        var response = await Http.SendAsync(ApiFixture.Request(HttpMethod.Post, kiosk.Presses, kiosk.Secret, content), Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        Assert.Equal(0, (await kiosk.Grain.GetAsync()).PressCount);
    }

    [Fact]
    public async Task PressThatCannotBeStoredIsNotAcknowledgedAnd503SaysWhenToRetry()
    {
        var kiosk = await fixture.AddKioskAsync();
        var pressId = Guid.NewGuid();
        fixture.App.Faults.FailWritesOf(kiosk.Id);
        HttpResponseMessage refused;
        try
        {
            refused = await kiosk.PressAsync(Http, pressId);
        }
        finally
        {
            fixture.App.Faults.Heal();
        }

        await Problems.AssertAsync(refused, HttpStatusCode.ServiceUnavailable, "unavailable");
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var untouched = await kiosk.Grain.GetAsync();
        Assert.Equal(0, untouched.PressCount);
        Assert.Null(untouched.OpenCallId);

        var retried = await kiosk.PressAsync(Http, pressId);

        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        var callId = await CallIdOf(retried);
        Assert.True((await fixture.Cluster.GetCall(callId).GetAsync()).Exists);
        Assert.Equal(1, (await kiosk.Grain.GetAsync()).CallCount);
    }

    [Fact]
    public async Task PathWithoutAnEndpointIs404AndAWrongMethodIs405BothAsProblems()
    {
        var kiosk = await fixture.AddKioskAsync();

        var nowhere = await Http.SendAsync(ApiFixture.Request(HttpMethod.Get, $"/api/v1/kiosks/{kiosk.Id}/nothing-here", kiosk.Secret), Cancel);
        var wrongMethod = await Http.SendAsync(ApiFixture.Request(HttpMethod.Get, kiosk.Presses, kiosk.Secret), Cancel);

        await Problems.AssertAsync(nowhere, HttpStatusCode.NotFound, "not-found");
        await Problems.AssertAsync(wrongMethod, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
    }

    [Fact]
    public async Task OpenApiDocumentDescribesEveryEndpointAndItsErrors()
    {
        var document = await Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Cancel);

        var paths = document.GetProperty("paths");
        var press = paths.GetProperty("/api/v1/kiosks/{kioskId}/presses").GetProperty("post");
        foreach (var status in new[] { "202", "400", "401", "403", "404", "413", "415", "503" })
        {
            Assert.True(press.GetProperty("responses").TryGetProperty(status, out _), $"press documents {status}");
        }

        Assert.True(paths.GetProperty("/api/v1/kiosks/{kioskId}/calls/{callId}").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/v1/kiosks/{kioskId}/calls/{callId}/cancel").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/v1/kiosks/{kioskId}/heartbeats").TryGetProperty("post", out _));
        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.Equal("uuid", schemas.GetProperty("PressBody").GetProperty("properties").GetProperty("pressId").GetProperty("format").GetString());
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("kioskSecret").GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task KioskLearnsOfItsTestCallFromAHeartbeatAndReportsItsSelfTest()
    {
        var kiosk = await fixture.AddKioskAsync();
        var healthy = new { camera = "ok", audio = "ok", tamper = false, power = "mains" };
        Assert.Equal(HttpStatusCode.NoContent, (await HeartbeatAsync(kiosk, healthy)).StatusCode);
        var asked = (await kiosk.Grain.RequestTestAsync(Actors.Operator("admin"))).Maintenance.PendingTest!;

        var beat = await HeartbeatAsync(kiosk, healthy);

        Assert.Equal(HttpStatusCode.OK, beat.StatusCode);
        var selfTest = (await beat.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("selfTest");
        Assert.Equal(asked.TestId, selfTest.GetProperty("testId").GetGuid());
        var report = selfTest.GetProperty("report").GetString()!;
        Assert.Equal($"/api/v1/kiosks/{kiosk.Id}/self-tests/{asked.TestId}", report);
        Assert.Equal(report + "/loopback", selfTest.GetProperty("loopback").GetString());

        async Task<(HttpStatusCode Status, JsonElement Body)> ReportAsync(string path, object body, string? secret = null)
        {
            var response = await Http.SendAsync(ApiFixture.Request(HttpMethod.Post, path, secret ?? kiosk.Secret, JsonContent.Create(body)), Cancel);
            return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(Cancel));
        }

        var working = new { camera = "ok", audio = "ok", loopback = new { audioLevel = 0.3, videoFrames = 90, roundTripMs = 4 } };
        var refusals = new (string Path, object Body, HttpStatusCode Status, string Reason)[]
        {
            (report, new { camera = "yes", audio = "ok" }, HttpStatusCode.BadRequest, "self-test-invalid"),
            (report, new { camera = "ok", audio = "ok", loopback = new { audioLevel = 3.0, videoFrames = 1 } }, HttpStatusCode.BadRequest, "self-test-invalid"),
            ($"/api/v1/kiosks/{kiosk.Id}/self-tests/not-a-uuid", working, HttpStatusCode.BadRequest, "test-id-invalid"),
            ($"/api/v1/kiosks/{kiosk.Id}/self-tests/{Guid.NewGuid()}", working, HttpStatusCode.Conflict, "test-not-pending"),
            ($"/api/v1/kiosks/{kiosk.Id}/self-tests/{Guid.NewGuid()}/loopback", new { sdp = "v=0" }, HttpStatusCode.BadRequest, "sdp-invalid"),
        };
        foreach (var (path, body, status, reason) in refusals)
        {
            var refused = await ReportAsync(path, body);
            Assert.True(refused.Status == status, $"{path}: {refused.Status} {refused.Body}");
            Assert.Equal(reason, refused.Body.GetProperty("reason").GetString());
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await ReportAsync(report, working, "wrong-secret")).Status);
        Assert.Equal(asked, (await kiosk.Grain.GetAsync()).Maintenance.PendingTest);

        var judged = await ReportAsync(report, working);
        var again = await ReportAsync(report, working);

        Assert.Equal(HttpStatusCode.OK, judged.Status);
        Assert.Equal("passed", judged.Body.GetProperty("outcome").GetString());
        Assert.Equal(judged.Body.GetRawText(), again.Body.GetRawText());
        var kept = Assert.Single((await kiosk.Grain.GetAsync()).Maintenance.Tests);
        Assert.Equal((KioskTestOutcome.Passed, 90L), (kept.Outcome, kept.Report!.Loopback!.VideoFrames));
        Assert.Equal(HttpStatusCode.NoContent, (await HeartbeatAsync(kiosk, healthy)).StatusCode);
        var silent = await ReportAsync($"/api/v1/kiosks/{kiosk.Id}/self-tests/{Guid.NewGuid()}", new { camera = "fault", audio = "fault" });
        Assert.Equal("test-not-pending", silent.Body.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task VehicleTrackerMovesItsUnitWithItsOwnSecretOnly()
    {
        var centre = $"centre-{Guid.NewGuid():N}"[..20];
        var unitId = $"PVL-{Guid.NewGuid():N}"[..12];
        var unit = fixture.Cluster.GetUnit(unitId);
        await unit.RegisterAsync(new UnitProfile(unitId, UnitKind.Car, "Central", centre, []), Actors.Tool("test"));
        var secret = await unit.IssueSecretAsync(Actors.Tool("test"));
        var path = $"/api/v1/units/{unitId}/positions";
        var measured = fixture.Clock.GetUtcNow().AddSeconds(-5);
        HttpRequestMessage Fix(string? key, object body) => ApiFixture.Request(HttpMethod.Post, path, key, JsonContent.Create(body));

        var moved = await Http.SendAsync(Fix(secret, new { latitude = 52.2880, longitude = 76.9420, accuracy = 6.5, measuredAt = measured.ToString("O") }), Cancel);
        var older = await Http.SendAsync(Fix(secret, new { latitude = 51.0, longitude = 75.0, measuredAt = measured.AddMinutes(-1).ToString("O") }), Cancel);
        var noSecret = await Http.SendAsync(Fix(null, new { latitude = 52.0, longitude = 76.0 }), Cancel);
        var kioskSecret = await Http.SendAsync(Fix((await fixture.AddKioskAsync()).Secret, new { latitude = 52.0, longitude = 76.0 }), Cancel);
        var offTheEarth = await Http.SendAsync(Fix(secret, new { latitude = 52.0, longitude = 190.0 }), Cancel);
        var incomplete = await Http.SendAsync(Fix(secret, new { latitude = 52.0 }), Cancel);
        var badTime = await Http.SendAsync(Fix(secret, new { latitude = 52.0, longitude = 76.0, measuredAt = "five past nine" }), Cancel);
        var future = await Http.SendAsync(Fix(secret, new { latitude = 52.0, longitude = 76.0, measuredAt = fixture.Clock.GetUtcNow().AddHours(2).ToString("O") }), Cancel);

        Assert.True(moved.StatusCode == HttpStatusCode.NoContent, await moved.Content.ReadAsStringAsync(Cancel));
        Assert.True(older.StatusCode == HttpStatusCode.NoContent, await older.Content.ReadAsStringAsync(Cancel));
        await Problems.AssertAsync(noSecret, HttpStatusCode.Unauthorized, "secret-missing");
        await Problems.AssertAsync(kioskSecret, HttpStatusCode.Unauthorized, "secret-wrong");
        await Problems.AssertAsync(offTheEarth, HttpStatusCode.BadRequest, "position-invalid");
        await Problems.AssertAsync(incomplete, HttpStatusCode.BadRequest, "position-incomplete");
        await Problems.AssertAsync(badTime, HttpStatusCode.BadRequest, "measured-at-invalid");
        await Problems.AssertAsync(future, HttpStatusCode.BadRequest, "position-in-future");
        var position = (await unit.GetAsync()).Position!;
        Assert.Equal((52.2880, 76.9420, 6.5, "avl"), (position.Latitude, position.Longitude, position.AccuracyMeters!.Value, position.Method));
        Assert.Equal(measured.ToUnixTimeMilliseconds(), position.At.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task DemoKioskAcceptsTheDemoSecretUntilItHasItsOwn()
    {
        await DemoKiosks.SeedAsync(fixture.Cluster, cancellationToken: Cancel);
        var stranger = await fixture.AddKioskAsync();
        const string demoKiosk = "pvl-embankment-01";
        var healthy = new { camera = "ok", audio = "ok", tamper = false, power = "mains" };

        var demo = await Http.SendAsync(ApiFixture.Request(HttpMethod.Post, $"/api/v1/kiosks/{demoKiosk}/heartbeats", "sos-demo-kiosk", JsonContent.Create(healthy)), Cancel);
        var notDemo = await Http.SendAsync(ApiFixture.Request(HttpMethod.Post, stranger.Heartbeats, "sos-demo-kiosk", JsonContent.Create(healthy)), Cancel);

        Assert.Equal(HttpStatusCode.NoContent, demo.StatusCode);
        await Problems.AssertAsync(notDemo, HttpStatusCode.Unauthorized, "secret-wrong");
        Assert.Equal(KioskLifecycle.InService, (await fixture.Cluster.GetKiosk(demoKiosk).GetAsync()).Lifecycle);

        var own = await fixture.Cluster.GetKiosk(demoKiosk).IssueSecretAsync(Actors.Tool("test"));
        var demoAfter = await Http.SendAsync(ApiFixture.Request(HttpMethod.Post, $"/api/v1/kiosks/{demoKiosk}/heartbeats", "sos-demo-kiosk", JsonContent.Create(healthy)), Cancel);
        var ownAfter = await Http.SendAsync(ApiFixture.Request(HttpMethod.Post, $"/api/v1/kiosks/{demoKiosk}/heartbeats", own, JsonContent.Create(healthy)), Cancel);
        await Problems.AssertAsync(demoAfter, HttpStatusCode.Unauthorized, "secret-wrong");
        Assert.Equal(HttpStatusCode.NoContent, ownAfter.StatusCode);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private Task<HttpResponseMessage> HeartbeatAsync(TestKiosk kiosk, object body) =>
        Http.SendAsync(ApiFixture.Request(HttpMethod.Post, kiosk.Heartbeats, kiosk.Secret, JsonContent.Create(body)), Cancel);

    private async Task<JsonElement> GetCallAsync(TestKiosk kiosk, Guid callId)
    {
        var response = await Http.SendAsync(ApiFixture.Request(HttpMethod.Get, kiosk.Call(callId), kiosk.Secret), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }

    private static async Task<Guid> CallIdOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("callId").GetGuid();
    }
}
