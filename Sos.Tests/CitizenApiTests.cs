using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sos.Grains.Abstractions;
using Sos.Grains.Media;
using Sos.Silo.CitizenApi;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

/// <summary>The citizen API's reports, status by status: idempotent by the app's own id, files checked against what was declared.</summary>
[Collection(ApiCollection.Name)]
public sealed class CitizenApiTests(ApiFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task ReportWithAPhotoIsReceivedOnceAndThePhotoIsKeptAsEvidenceOnlyWhenItMatchesItsDeclaration()
    {
        var photo = RandomNumberGenerator.GetBytes(20_000);
        var report = Report(attachments: [new { contentType = "image/jpeg", size = photo.Length, sha256 = Sha256(photo) }]);

        var first = await PostAsync(report);
        var again = await PostAsync(report);

        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        Assert.Equal(first.Body.GetRawText(), again.Body.GetRawText());
        var reportId = first.Body.GetProperty("reportId").GetGuid();
        Assert.Equal("received", first.Body.GetProperty("status").GetString());
        var upload = first.Body.GetProperty("attachments")[0].GetProperty("upload").GetString()!;
        Assert.Equal($"/api/citizen/v1/reports/{reportId}/attachments/1", upload);
        Assert.Single(await fixture.Cluster.GetCitizenInbox(Grains.Abstractions.SosConstants.DefaultCentreId).OpenAsync(), id => id == reportId);

        // Wrong type, wrong bytes of the right length, and a file longer than declared: refused, nothing kept.
        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "attachment-mismatch"), await PutAsync(upload, photo, "image/png"));
        var forged = (byte[])photo.Clone();
        forged[^1] ^= 0xFF;
        Assert.Equal((HttpStatusCode.BadRequest, "attachment-mismatch"), await PutAsync(upload, forged, "image/jpeg"));
        Assert.Equal((HttpStatusCode.BadRequest, "attachment-mismatch"), await PutAsync(upload, [.. photo, 0], "image/jpeg", chunked: true));
        Assert.Null((await fixture.Cluster.GetCitizenReport(reportId).GetAsync()).Attachments[0].StoredAt);

        Assert.Equal((HttpStatusCode.Created, (string?)null), await PutAsync(upload, photo, "image/jpeg"));
        Assert.Equal((HttpStatusCode.OK, (string?)null), await PutAsync(upload, photo, "image/jpeg"));

        var stored = (await fixture.Cluster.GetCitizenReport(reportId).GetAsync()).Attachments.Single();
        Assert.NotNull(stored.StoredAt);
        var evidence = fixture.App.Services.GetRequiredService<IOptions<MediaOptions>>().Value.EvidenceDirectory!;
        var file = Path.Combine(evidence, stored.Path!);
        Assert.Equal(photo, await File.ReadAllBytesAsync(file, Cancel));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(file)!, "*.part"));
        var followed = await Http.GetFromJsonAsync<JsonElement>($"/api/citizen/v1/reports/{reportId}", Cancel);
        Assert.True(followed.GetProperty("attachments")[0].GetProperty("stored").GetBoolean());
    }

    [Fact]
    public async Task BadReportsAndUploadsAreRefusedWithAReasonAndKeepNothing()
    {
        var photo = new { contentType = "image/jpeg", size = 1000, sha256 = new string('a', 64) };
        var cases = new (object Body, HttpStatusCode Status, string Reason)[]
        {
            (new { deviceId = "phone-0001", category = "noise", text = "Loud music" }, HttpStatusCode.BadRequest, "report-invalid"),
            (Report(deviceId: "short"), HttpStatusCode.BadRequest, "report-invalid"),
            (Report(category: "Not A Code!"), HttpStatusCode.BadRequest, "report-invalid"),
            (Report(text: ""), HttpStatusCode.BadRequest, "report-invalid"),
            (Report(attachments: Enumerable.Repeat<object>(photo, 6).ToArray()), HttpStatusCode.BadRequest, "report-invalid"),
            (Report(attachments: [new { contentType = "video/mp4", size = 200L * 1024 * 1024, sha256 = new string('b', 64) }]), HttpStatusCode.BadRequest, "report-invalid"),
            (Report(attachments: [new { contentType = "application/x-msdownload", size = 10, sha256 = new string('c', 64) }]), HttpStatusCode.BadRequest, "report-invalid"),
            (Report(attachments: [new { contentType = "image/png", size = 10, sha256 = "not-a-hash" }]), HttpStatusCode.BadRequest, "report-invalid"),
            (Report(anonymous: true, name: "Aigerim"), HttpStatusCode.BadRequest, "report-invalid"),
            (Report(location: new { latitude = 95.0, longitude = 76.9, accuracy = 10, method = "gnss", fixAt = "2026-11-26T07:59:00Z" }), HttpStatusCode.BadRequest, "report-invalid"),
            (Report(location: new { latitude = 52.28, longitude = 76.9, accuracy = 10, method = "telepathy", fixAt = "2026-11-26T07:59:00Z" }), HttpStatusCode.BadRequest, "report-invalid"),
        };
        foreach (var (body, status, reason) in cases)
        {
            var refused = await PostAsync(body);
            Assert.True(refused.Status == status, $"{JsonSerializer.Serialize(body)}: {refused.Status} {refused.Body}");
            Assert.Equal(reason, refused.Body.GetProperty("reason").GetString());
        }

        // The same client request id with other contents is not the same report.
        var requestId = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Report(requestId: requestId, text: "A car blocks the exit"))).Status);
        var reused = await PostAsync(Report(requestId: requestId, text: "Something else"));
        Assert.Equal((HttpStatusCode.Conflict, "client-request-reused"), (reused.Status, reused.Body.GetProperty("reason").GetString()));

        var unknown = Guid.NewGuid();
        var missing = await Http.GetAsync($"/api/citizen/v1/reports/{unknown}", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Problems.AssertWellFormed(missing, await missing.Content.ReadAsStringAsync(Cancel));
        var received = (await PostAsync(Report())).Body.GetProperty("reportId").GetGuid();
        Assert.Equal((HttpStatusCode.NotFound, "attachment-unknown"), await PutAsync($"/api/citizen/v1/reports/{received}/attachments/1", [1, 2, 3], "image/jpeg"));
        Assert.Equal((HttpStatusCode.BadRequest, "report-id-invalid"), await PutAsync("/api/citizen/v1/reports/not-a-uuid/attachments/1", [1], "image/jpeg"));
        Assert.Equal((HttpStatusCode.NotFound, "report-unknown"), await PutAsync($"/api/citizen/v1/reports/{unknown}/attachments/1", [1], "image/jpeg"));
        var nowhere = await Http.GetAsync("/api/citizen/v1/nowhere", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
        Problems.AssertWellFormed(nowhere, await nowhere.Content.ReadAsStringAsync(Cancel));
        Assert.False((await fixture.Cluster.GetCitizenReport(unknown).GetAsync()).Exists);
    }

    [Fact]
    public async Task CitizenFollowsTheirReportOnAStatusStreamThatResumesAfterAReconnectWithoutLosingAnEvent()
    {
        var reportId = (await PostAsync(Report(text: "Someone sells alcohol to teenagers behind the shop"))).Body.GetProperty("reportId").GetGuid();
        var report = fixture.Cluster.GetCitizenReport(reportId);
        var dispatcher = Actors.Operator("dispatcher1");

        // Connected: accepted, then a dispatcher takes it.
        var seen = new List<System.Net.ServerSentEvents.SseItem<string>>();
        using (var stream = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            await using var events = await OpenEventsAsync(reportId, null, stream.Token);
            var reader = System.Net.ServerSentEvents.SseParser.Create(events).EnumerateAsync(stream.Token).GetAsyncEnumerator(stream.Token);
            Assert.True(await reader.MoveNextAsync());
            seen.Add(reader.Current);
            await report.ClaimAsync(dispatcher);
            Assert.True(await reader.MoveNextAsync());
            seen.Add(reader.Current);
            await stream.CancelAsync();
        }

        // Away (the phone lost its network): a message and the incident, then it reconnects from the last event it saw.
        await report.ReplyAsync("Thank you. A patrol will check the shop within the hour.", dispatcher);
        var incident = await report.OpenIncidentAsync(dispatcher);
        await using (var resumed = await OpenEventsAsync(reportId, seen[^1].EventId, TestContext.Current.CancellationToken))
        {
            var rest = System.Net.ServerSentEvents.SseParser.Create(resumed).EnumerateAsync(Cancel).GetAsyncEnumerator(Cancel);
            Assert.True(await rest.MoveNextAsync());
            seen.Add(rest.Current);
            Assert.True(await rest.MoveNextAsync());
            seen.Add(rest.Current);
            await report.CloseAsync("The patrol found the seller; a report was drawn up. Thank you for your help.", dispatcher);
            while (await rest.MoveNextAsync())
            {
                seen.Add(rest.Current);
            }
        }

        Assert.Equal(["1", "2", "3", "4", "5"], seen.Select(e => e.EventId));
        Assert.Equal(
            [CitizenStatusEvent.Kinds.Accepted, CitizenStatusEvent.Kinds.OperatorJoined, CitizenStatusEvent.Kinds.Message, CitizenStatusEvent.Kinds.Incident, CitizenStatusEvent.Kinds.Closed],
            seen.Select(e => e.EventType));
        var number = (await fixture.Cluster.GetIncident(incident.IncidentId!.Value).GetAsync()).Number;
        Assert.Equal(number, JsonDocument.Parse(seen[3].Data).RootElement.GetProperty("text").GetString());
        Assert.Contains("report was drawn up", JsonDocument.Parse(seen[4].Data).RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);

        // The plain status says the same, and the closed report has left the inbox; its incident is the citizen app's.
        var status = await Http.GetFromJsonAsync<JsonElement>($"/api/citizen/v1/reports/{reportId}", Cancel);
        Assert.Equal(("closed", 5), (status.GetProperty("status").GetString(), status.GetProperty("events").GetArrayLength()));
        Assert.DoesNotContain(reportId, await fixture.Cluster.GetCitizenInbox(Grains.Abstractions.SosConstants.DefaultCentreId).OpenAsync());
        var opened = await fixture.Cluster.GetIncident(incident.IncidentId.Value).GetAsync();
        Assert.Equal((IncidentSource.CitizenApp, IncidentLocationSources.Caller), (opened.Source, opened.Location!.Source));
        Assert.Contains("alcohol", Assert.Single(opened.Notes).Text, StringComparison.Ordinal);
        var bad = await Http.GetAsync($"/api/citizen/v1/reports/{reportId}/events?after=minus-one", Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task ReportTurnedIntoAnIncidentTellsTheCitizenOfItsPatrolAndIsClosedWithTheIncidentsPublicNote()
    {
        var reportId = (await PostAsync(Report(deviceId: "phone-follow-0001", text: "Broken glass all over the playground"))).Body.GetProperty("reportId").GetGuid();
        var report = fixture.Cluster.GetCitizenReport(reportId);
        var dispatcher = Actors.Operator("dispatcher2");
        var incidentId = (await report.OpenIncidentAsync(dispatcher)).IncidentId!.Value;
        var incident = fixture.Cluster.GetIncident(incidentId);

        // A patrol whose position nobody knows: sent, with no estimate; then on the scene; then the incident's end.
        var unitId = $"PVL-F-{reportId:N}"[..16];
        await fixture.Cluster.GetUnit(unitId).RegisterAsync(new UnitProfile(unitId, UnitKind.Foot, "Central", SosConstants.DefaultCentreId, []), Actors.Tool("test"));
        await fixture.Cluster.GetUnit(unitId).SetStatusAsync(UnitStatus.Available, Actors.Tool("test"));
        await incident.AssignAsync(unitId, dispatcher);
        await incident.ReportAsync(unitId, AssignmentStep.OnScene, dispatcher);
        await incident.CloseAsync("resolved", dispatcher, "The glass was cleared and the park service told.");

        var closed = await Poll.UntilAsync(report.GetAsync, r => r.Status == CitizenReportStatus.Closed, "the report closed by its incident", TimeSpan.FromSeconds(10));
        Assert.Equal(
            [CitizenStatusEvent.Kinds.Accepted, CitizenStatusEvent.Kinds.Incident, CitizenStatusEvent.Kinds.PatrolDispatched, CitizenStatusEvent.Kinds.OnScene, CitizenStatusEvent.Kinds.Closed],
            closed.Events.Select(e => e.Kind));
        Assert.Null(closed.Events[2].EtaMinutes);
        Assert.Equal("The glass was cleared and the park service told.", closed.Events[^1].Text);
        Assert.Equal(dispatcher, closed.ClaimedBy);
        Assert.DoesNotContain(reportId, await fixture.Cluster.GetCitizenInbox(SosConstants.DefaultCentreId).OpenAsync());
        var status = await Http.GetFromJsonAsync<JsonElement>($"/api/citizen/v1/reports/{reportId}", Cancel);
        Assert.Equal("closed", status.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("events")[2].GetProperty("etaMinutes").ValueKind);
    }

    [Fact]
    public async Task DeviceBeyondItsHourlyAllowanceOrBlockedBySupervisorIsRefusedWithAReasonAndRetriesStillFindTheirReports()
    {
        var device = $"phone-{Guid.NewGuid():N}"[..22];
        var first = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Report(requestId: first, deviceId: device))).Status);
        for (var i = 1; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Report(deviceId: device))).Status);
        }

        var response = await Http.PostAsJsonAsync("/api/citizen/v1/reports", Report(deviceId: device), Cancel);
        var limited = await Problems.AssertAsync(response, HttpStatusCode.TooManyRequests, "too-many-reports");
        Assert.Contains("never refused", limited.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(int.Parse(response.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 3600);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Report(requestId: first, deviceId: device))).Status);
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Report(deviceId: device))).Status);

        // A supervisor blocks the device: its new reports are refused, its earlier ones are still found; lifted, it may send.
        var phone = fixture.Cluster.GetCitizenDevice(device);
        await phone.BlockAsync("Dozens of false reports a day", Actors.Operator("supervisor1"));
        await Problems.AssertAsync(await Http.PostAsJsonAsync("/api/citizen/v1/reports", Report(deviceId: device), Cancel), HttpStatusCode.Forbidden, "device-blocked");
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Report(requestId: first, deviceId: device))).Status);
        await phone.UnblockAsync(Actors.Operator("supervisor1"));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Report(deviceId: device))).Status);

        Assert.Equal(22, (await phone.GetAsync()).Reports.Length);
        var audit = await fixture.Cluster.GetAudit().SearchAsync(new AuditQuery(Text: device));
        Assert.Equal([AuditActions.CitizenDeviceBlocked, AuditActions.CitizenDeviceUnblocked], audit.Select(e => e.Action).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CitizenApiIsDescribedInItsOwnOpenApiDocument()
    {
        var document = await Http.GetFromJsonAsync<JsonElement>($"/openapi/{CitizenApiEndpoints.DocumentName}.json", Cancel);

        var paths = document.GetProperty("paths");
        Assert.True(paths.GetProperty("/api/citizen/v1/reports").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/citizen/v1/reports/{reportId}/attachments/{attachmentId}").TryGetProperty("put", out _));
        Assert.False(paths.TryGetProperty("/api/v1/kiosks/{kioskId}/presses", out _));
    }

    private static object Report(
        Guid? requestId = null, string deviceId = "phone-7f3a9c21", string category = "parking", string text = "A car blocks the exit of the yard",
        bool anonymous = false, string? name = null, object? location = null, object[]? attachments = null) => new
        {
            clientRequestId = requestId ?? Guid.NewGuid(),
            deviceId,
            category,
            text,
            occurredAt = "2026-11-26T07:30:00+06:00",
            location = location ?? new { latitude = 52.2871, longitude = 76.9674, accuracy = 12.5, method = "gnss", fixAt = "2026-11-26T07:59:30Z" },
            anonymous,
            name,
            language = "kk",
            attachments = attachments ?? [],
        };

    private async Task<Stream> OpenEventsAsync(Guid reportId, string? lastEventId, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/citizen/v1/reports/{reportId}/events");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStreamAsync(cancellationToken);
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(object body)
    {
        var response = await Http.PostAsJsonAsync("/api/citizen/v1/reports", body, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        if ((int)response.StatusCode >= 400)
        {
            Problems.AssertWellFormed(response, text);
        }

        return (response.StatusCode, JsonDocument.Parse(text).RootElement);
    }

    private async Task<(HttpStatusCode Status, string? Reason)> PutAsync(string path, byte[] bytes, string contentType, bool chunked = false)
    {
        HttpContent content = chunked ? new StreamContent(new MemoryStream(bytes)) : new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (chunked)
        {
            content.Headers.ContentLength = null;
        }

        var response = await Http.PutAsync(path, content, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        if ((int)response.StatusCode >= 400)
        {
            Problems.AssertWellFormed(response, text);
            return (response.StatusCode, JsonDocument.Parse(text).RootElement.GetProperty("reason").GetString());
        }

        return (response.StatusCode, null);
    }
}
