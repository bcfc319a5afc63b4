using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sos.Grains.Abstractions;
using Sos.Grains.Citizens;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

/// <summary>
/// The citizen API's phone verification, status by status, with the development SMS stand-in (each SMS a file in the
/// outbox): a code proves the number, and the device's SOS calls and reports from it are then marked verified.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class CitizenPhoneVerificationTests(ApiFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task CodeSentBySmsProvesTheNumberAndTheDevicesSosAndReportsFromItAreMarkedVerified()
    {
        const string device = "phone-verify-0001";
        const string phone = "+77015550177";
        var path = $"/api/citizen/v1/devices/{device}/phone-verification";

        var sent = await Http.PostAsJsonAsync(path, new { phone, language = "kk" }, Cancel);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        Assert.Equal(phone, (await sent.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("phone").GetString());
        var sms = await OutboxMessageAsync(phone);
        Assert.Contains("кодыңыз", sms, StringComparison.Ordinal);
        var code = CodeFormat().Match(sms).Value;

        // Asked again at once: refused with when to ask; a wrong code says how many tries are left; the right one proves it.
        var again = await Http.PostAsJsonAsync(path, new { phone }, Cancel);
        await Problems.AssertAsync(again, (HttpStatusCode)429, "verification-too-soon");
        Assert.Equal("60", again.Headers.RetryAfter?.ToString());
        var wrong = await Http.PostAsJsonAsync($"{path}/confirm", new { code = code == "000000" ? "111111" : "000000" }, Cancel);
        await Problems.AssertAsync(wrong, HttpStatusCode.BadRequest, "code-wrong");
        var confirmed = await Http.PostAsJsonAsync($"{path}/confirm", new { code }, Cancel);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.True((await confirmed.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("verified").GetBoolean());
        Assert.Equal(phone, (await fixture.Cluster.GetCitizenDevice(device).GetAsync()).VerifiedPhone);
        await Problems.AssertAsync(await Http.PostAsJsonAsync($"{path}/confirm", new { code }, Cancel), HttpStatusCode.NotFound, "verification-none");

        // From now on this device's SOS and reports from that number are verified; another number is not.
        var sos = await Http.PostAsJsonAsync("/api/citizen/v1/sos", new { clientRequestId = Guid.NewGuid(), deviceId = device, name = "Aigerim", phone, silent = true }, Cancel);
        var sessionId = (await sos.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("sessionId").GetGuid();
        await Poll.UntilAsync(() => fixture.Cluster.GetCall(sessionId).GetAsync(), c => c.Citizen?.PhoneVerified == true, "the SOS call marked verified", TimeSpan.FromSeconds(10));
        var other = await Http.PostAsJsonAsync("/api/citizen/v1/sos", new { clientRequestId = Guid.NewGuid(), deviceId = device, phone = "+77015550999", silent = true }, Cancel);
        var otherId = (await other.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("sessionId").GetGuid();
        await Poll.UntilAsync(() => fixture.Cluster.GetCitizenDevice(device).GetAsync(), d => d.Reports.Any(r => r.Id == otherId), "the second SOS noted", TimeSpan.FromSeconds(10));
        Assert.False((await fixture.Cluster.GetCall(otherId).GetAsync()).Citizen!.PhoneVerified);
        var report = await Http.PostAsJsonAsync("/api/citizen/v1/reports", new { clientRequestId = Guid.NewGuid(), deviceId = device, category = "parking", text = "A car blocks the yard", name = "Aigerim", phone, attachments = Array.Empty<object>() }, Cancel);
        var reportId = (await report.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("reportId").GetGuid();
        Assert.True((await fixture.Cluster.GetCitizenReport(reportId).GetAsync()).PhoneVerified);
    }

    [Fact]
    public async Task BadNumbersAndCodesAreRefusedWithAReasonAndFiveWrongCodesVoidTheCode()
    {
        const string device = "phone-verify-0002";
        var path = $"/api/citizen/v1/devices/{device}/phone-verification";

        await Problems.AssertAsync(await Http.PostAsJsonAsync(path, new { phone = "call me" }, Cancel), HttpStatusCode.BadRequest, "phone-invalid");
        await Problems.AssertAsync(await Http.PostAsJsonAsync("/api/citizen/v1/devices/x/phone-verification", new { phone = "+77015550101" }, Cancel), HttpStatusCode.BadRequest, "device-id-invalid");
        await Problems.AssertAsync(await Http.PostAsJsonAsync($"{path}/confirm", new { code = "123456" }, Cancel), HttpStatusCode.NotFound, "verification-none");

        Assert.Equal(HttpStatusCode.Accepted, (await Http.PostAsJsonAsync(path, new { phone = "+77015550102" }, Cancel)).StatusCode);
        var code = CodeFormat().Match(await OutboxMessageAsync("+77015550102")).Value;
        var wrongCode = code == "000000" ? "111111" : "000000";
        for (var attempt = 1; attempt <= PhoneVerification.MaxWrongAttempts; attempt++)
        {
            await Problems.AssertAsync(await Http.PostAsJsonAsync($"{path}/confirm", new { code = wrongCode }, Cancel), HttpStatusCode.BadRequest, "code-wrong");
        }

        // Even the right code is too late now: the citizen asks for a new one.
        await Problems.AssertAsync(await Http.PostAsJsonAsync($"{path}/confirm", new { code }, Cancel), HttpStatusCode.Gone, "verification-expired");
        Assert.Null((await fixture.Cluster.GetCitizenDevice(device).GetAsync()).VerifiedPhone);
    }

    /// <summary>The latest SMS the development stand-in wrote for <paramref name="phone"/>.</summary>
    private async Task<string> OutboxMessageAsync(string phone)
    {
        var outbox = fixture.App.Services.GetRequiredService<IOptions<CitizenOptions>>().Value.SmsOutbox!;
        var digits = phone.TrimStart('+');
        var file = Directory.EnumerateFiles(outbox, $"*-{digits}-*.txt").Order(StringComparer.Ordinal).Last();
        var text = await File.ReadAllTextAsync(file, Cancel);
        Assert.StartsWith(phone + "\n", text, StringComparison.Ordinal);
        return text;
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex CodeFormat();
}
