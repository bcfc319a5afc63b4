using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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
        Assert.Equal(("sos", sos.clientRequestId.ToString()), (call.Timeline[0].Code, call.Timeline[0].Values[0]));
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

    [Fact]
    public async Task CitizenSendsAPhotoInTheChatDeclaredFirstAndKeptAsEvidenceOnlyWhenItMatches()
    {
        var (_, view) = await PostAsync(Sos(deviceId: "phone-sos-0201", silent: true));
        var sessionId = view.GetProperty("sessionId").GetGuid();
        var secret = view.GetProperty("secret").GetString()!;
        var path = $"/api/citizen/v1/sessions/{sessionId}";
        var photo = System.Text.Encoding.ASCII.GetBytes("a photo of the car's number plate, as bytes");
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(photo));

        await Problems.AssertAsync(await SendAsync(HttpMethod.Post, $"{path}/attachments", secret, new { contentType = "application/pdf", size = 10, sha256 }), HttpStatusCode.BadRequest, "attachment-invalid");
        await Problems.AssertAsync(await SendAsync(HttpMethod.Post, $"{path}/attachments", secret, new { contentType = "image/jpeg", size = 11L * 1024 * 1024, sha256 }), HttpStatusCode.BadRequest, "attachment-invalid");
        var declared = await SendAsync(HttpMethod.Post, $"{path}/attachments", secret, new { contentType = "image/jpeg", size = photo.Length, sha256 });
        Assert.Equal(HttpStatusCode.Created, declared.StatusCode);
        var file = JsonDocument.Parse(await declared.Content.ReadAsStringAsync(Cancel)).RootElement;
        var again = JsonDocument.Parse(await (await SendAsync(HttpMethod.Post, $"{path}/attachments", secret, new { contentType = "image/jpeg", size = photo.Length, sha256 })).Content.ReadAsStringAsync(Cancel)).RootElement;
        Assert.Equal(file.GetProperty("attachmentId").GetInt32(), again.GetProperty("attachmentId").GetInt32());
        var upload = file.GetProperty("upload").GetString()!;
        await Problems.AssertAsync(await SendAsync(HttpMethod.Post, $"{path}/messages", secret, new { attachmentIds = new[] { 7 } }), HttpStatusCode.BadRequest, "message-invalid");

        // Other bytes of the declared length are refused; the declared ones are kept once, a retry finds them kept.
        var wrong = photo.Reverse().ToArray();
        Assert.Equal(HttpStatusCode.BadRequest, (await PutAsync(upload, secret, wrong)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(upload, secret, photo)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(upload, secret, photo)).StatusCode);

        var said = await SendAsync(HttpMethod.Post, $"{path}/messages", secret, new { text = "This is his car", attachmentIds = new[] { file.GetProperty("attachmentId").GetInt32() } });
        Assert.Equal(HttpStatusCode.OK, said.StatusCode);
        var chat = JsonDocument.Parse(await said.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("chat");
        Assert.Equal(1, chat[0].GetProperty("attachmentIds")[0].GetInt32());
        var call = await fixture.Cluster.GetCall(sessionId).GetAsync();
        var kept = Assert.Single(call.Citizen!.Attachments);
        Assert.Equal(sha256, kept.Declared.Sha256);
        var evidence = fixture.App.Services.GetRequiredService<IOptions<Sos.Grains.Media.MediaOptions>>().Value.EvidenceRoot;
        Assert.Equal(photo, await File.ReadAllBytesAsync(Path.Combine(evidence, kept.Path!), Cancel));
        Assert.Equal([1], call.Citizen.Chat.Single().AttachmentIds);
    }

    [Fact]
    public async Task AnsweredSosGoesOnTellingThePhoneAfterTheCallOfItsPatrolAndArrivalUntilTheIncidentClosesWithTheDispatchersNote()
    {
        // A centre of the test's own, so its operator answers this SOS and no other.
        var centreId = $"centre-{Guid.NewGuid():N}";
        var login = $"anna@{centreId}";
        var dispatcher = Actors.Operator(login);
        var anna = fixture.Cluster.GetOperator(login);
        await anna.ChangePresenceAsync(centreId, OperatorPresence.Available);
        var request = new CitizenSosRequest("phone-sos-0101", Guid.NewGuid(), "Aigerim", "+77015550101", false, false, null,
            new CitizenLocation(52.2897, 76.9443, 15, "gnss", DateTimeOffset.UtcNow), "ru", 80, true);
        var sessionId = CitizenIds.Sos(request.DeviceId, request.ClientRequestId);
        var session = fixture.Cluster.GetCitizenSession(sessionId);
        var secret = (await session.StartAsync(request, centreId)).Secret;
        await Poll.UntilAsync(() => fixture.Cluster.GetCall(sessionId).GetAsync(), c => c.RingingOperators.Contains(login), "the SOS ringing anna", TimeSpan.FromSeconds(10));
        await anna.AnswerAsync(sessionId);

        // During the call: the incident, and a patrol 2 km away (about 4 minutes at the default 30 km/h).
        var incidentId = Guid.NewGuid();
        var incident = fixture.Cluster.GetIncident(incidentId);
        await incident.OpenAsync(new IncidentOpening(centreId, IncidentSource.CitizenApp, dispatcher, CallId: sessionId));
        var unitId = $"PVL-7-{centreId[^8..]}";
        await fixture.Cluster.GetUnit(unitId).RegisterAsync(new UnitProfile(unitId, UnitKind.Car, "Central", centreId, []), Actors.Tool("test"));
        await fixture.Cluster.GetUnit(unitId).SetStatusAsync(UnitStatus.Available, Actors.Tool("test"));
        await incident.AssignAsync(unitId, dispatcher, distanceMeters: 2000);
        await WaitToldAsync(session, CitizenStatusEvent.Kinds.PatrolDispatched);

        // The phone reads what it was told so far, then loses its network.
        var seen = new List<System.Net.ServerSentEvents.SseItem<string>>();
        using (var first = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            var reader = System.Net.ServerSentEvents.SseParser.Create(await OpenEventsAsync(sessionId, secret, null, first.Token)).EnumerateAsync(first.Token).GetAsyncEnumerator(first.Token);
            while (seen.Count < 4 && await reader.MoveNextAsync())
            {
                seen.Add(reader.Current);
            }

            await first.CancelAsync();
        }

        // Meanwhile the call ends, the patrol arrives, and the dispatcher closes the incident with a note for the citizen.
        await anna.FinishCallAsync(sessionId, new CallClosure(CallDisposition.PatrolSent, "assault", unitId));
        await incident.ReportAsync(unitId, AssignmentStep.OnScene, dispatcher);
        var after = await Http.SendAsync(Authorized(HttpMethod.Get, $"/api/citizen/v1/sessions/{sessionId}", secret), Cancel);
        var view = JsonDocument.Parse(await after.Content.ReadAsStringAsync(Cancel)).RootElement;
        Assert.Equal("ended", view.GetProperty("status").GetString());
        Assert.True(view.GetProperty("following").GetBoolean());
        await incident.CloseAsync("arrest", dispatcher, "  The man was detained. Thank you for calling.  ");

        // Reconnected from the last event seen, the stream gives the rest, each once, and ends after the incident's end.
        using (var rest = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            var reader = System.Net.ServerSentEvents.SseParser.Create(await OpenEventsAsync(sessionId, secret, seen[^1].EventId, rest.Token)).EnumerateAsync(rest.Token).GetAsyncEnumerator(rest.Token);
            while (await reader.MoveNextAsync())
            {
                seen.Add(reader.Current);
            }
        }

        Assert.Equal(
            [CitizenStatusEvent.Kinds.Accepted, CitizenStatusEvent.Kinds.OperatorJoined, CitizenStatusEvent.Kinds.Incident, CitizenStatusEvent.Kinds.PatrolDispatched,
                CitizenStatusEvent.Kinds.Closed, CitizenStatusEvent.Kinds.OnScene, CitizenStatusEvent.Kinds.IncidentClosed],
            seen.Select(e => e.EventType));
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7"], seen.Select(e => e.EventId));
        Assert.Equal(4, JsonDocument.Parse(seen[3].Data).RootElement.GetProperty("etaMinutes").GetInt32());
        Assert.Equal((await incident.GetAsync()).Number, JsonDocument.Parse(seen[2].Data).RootElement.GetProperty("text").GetString());
        Assert.Equal("The man was detained. Thank you for calling.", JsonDocument.Parse(seen[6].Data).RootElement.GetProperty("text").GetString());
        Assert.False((await session.GetAsync()).FollowsIncident);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string secret, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return await Http.SendAsync(request, Cancel);
    }

    private async Task<HttpResponseMessage> PutAsync(string path, string secret, byte[] bytes)
    {
        using var request = Authorized(HttpMethod.Put, path, secret);
        request.Content = new ByteArrayContent(bytes);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        return await Http.SendAsync(request, Cancel);
    }

    private static HttpRequestMessage Authorized(HttpMethod method, string path, string secret)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return request;
    }

    private async Task<Stream> OpenEventsAsync(Guid sessionId, string secret, string? lastEventId, CancellationToken cancellationToken)
    {
        var request = Authorized(HttpMethod.Get, $"/api/citizen/v1/sessions/{sessionId}/events", secret);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStreamAsync(cancellationToken);
    }

    /// <summary>The incident tells the session one way: waits until the citizen was told <paramref name="kind"/>.</summary>
    private static Task<CitizenSessionSnapshot> WaitToldAsync(ICitizenSessionGrain session, string kind) =>
        Poll.UntilAsync(session.GetAsync, s => s.Events.Any(e => e.Kind == kind), $"the citizen told {kind}", TimeSpan.FromSeconds(10));

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
