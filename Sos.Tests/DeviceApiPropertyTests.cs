using System.Net.Http.Json;
using System.Text;
using CsCheck;
using Sos.Grains.Abstractions;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

[Collection(ApiCollection.Name)]
public sealed class DeviceApiPropertyTests(ApiFixture fixture)
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"];

    [Fact]
    public async Task MalformedRequestsToEveryEndpointNeverGet5xxAndChangeNothing()
    {
        var cancel = TestContext.Current.CancellationToken;
        var target = await fixture.AddKioskAsync();
        var other = await fixture.AddKioskAsync();
        var press = await other.PressAsync(fixture.Http, Guid.NewGuid());
        var othersCall = (await press.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(cancel)).GetProperty("callId").GetGuid();
        var before = await StateAsync(target, other, othersCall);

        var printable = Gen.Char['!', '~'];
        var anyText = Gen.String[Gen.Char, 0, 40];
        var kioskIds = Gen.Frequency(
            (6, Gen.Const(target.Id)),
            (4, Gen.OneOf(
            Gen.Const(other.Id),
            Gen.Const("pvl-embankment-01"),
            anyText.Select(Uri.EscapeDataString),
            Gen.String[printable, 101, 300].Select(Uri.EscapeDataString))));
        var callIds = Gen.OneOf(
            Gen.Const(othersCall.ToString()),
            Gen.Guid.Select(g => g.ToString()),
            Gen.Const(Guid.Empty.ToString()),
            anyText.Select(Uri.EscapeDataString));
        var endpoints = Gen.Select(Gen.Int[0, 6], kioskIds, callIds, anyText, (kind, kioskId, callId, junk) => kind switch
        {
            0 => ("POST", $"/api/v1/kiosks/{kioskId}/presses"),
            1 => ("POST", $"/api/v1/kiosks/{kioskId}/heartbeats"),
            2 => ("GET", $"/api/v1/kiosks/{kioskId}/calls/{callId}"),
            3 => ("POST", $"/api/v1/kiosks/{kioskId}/calls/{callId}/cancel"),
            4 => ("POST", $"/api/v1/kiosks/{kioskId}/self-tests/{callId}"),
            5 => ("POST", $"/api/v1/kiosks/{kioskId}/self-tests/{callId}/loopback"),
            _ => ("GET", $"/api/v1/{Uri.EscapeDataString(junk)}"),
        });
        var methodsAndPaths = Gen.Select(endpoints, Gen.Int[0, 9], Gen.OneOf(Methods), (endpoint, dice, method) => (Method: dice < 8 ? endpoint.Item1 : method, Path: endpoint.Item2));
        var secrets = Gen.Frequency(
            (5, Gen.Const<string?>($"Bearer {target.Secret}")),
            (5, Gen.OneOf(
            Gen.Const((string?)null),
            Gen.Const<string?>($"Bearer {target.Secret[..^1]}x"),
            Gen.Const<string?>($"Bearer {other.Id}.forged"),
            Gen.Const<string?>("Bearer sos-demo-kiosk"),
            Gen.Const<string?>("Basic dXNlcjpwYXNz"),
            Gen.String[printable, 0, 200].Select(s => (string?)$"Bearer {s}"),
            Gen.String[printable, 0, 60].Select(s => (string?)s))));
        var contentTypes = Gen.Frequency(
            (6, Gen.Const<string?>("application/json")),
            (4, Gen.OneOf(
            Gen.Const((string?)null),
            Gen.Const<string?>("application/json; charset=utf-8"),
            Gen.Const<string?>("application/problem+json"),
            Gen.Const<string?>("text/plain"),
            Gen.String[printable, 0, 40].Select(s => (string?)s))));
        var jsonValues = Gen.OneOf(
            Gen.Const("null"),
            Gen.Const("[]"),
            Gen.Const("{}"),
            Gen.Const("true"),
            Gen.Long.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "1e999"),
            anyText.Select(s => System.Text.Json.JsonSerializer.Serialize(s)));
        var bodies = Gen.OneOf(
            Gen.Const(Array.Empty<byte>()),
            Gen.Byte.Array[1, 200],
            anyText.Select(Encoding.UTF8.GetBytes),
            jsonValues.Select(v => Encoding.UTF8.GetBytes($"{{\"pressId\": {v}, \"pressedAt\": {v}}}")),
            Gen.Select(Gen.Guid, anyText, (g, t) => Encoding.UTF8.GetBytes($"{{\"pressId\": \"{g}\", \"pressedAt\": {System.Text.Json.JsonSerializer.Serialize(t)}}}"))
                .Where(b => !Encoding.UTF8.GetString(b).Contains("\"pressedAt\": \"\\u", StringComparison.Ordinal) && !IsRfc3339Body(b)),
            jsonValues.Select(v => Encoding.UTF8.GetBytes($"{{\"camera\": {v}, \"audio\": \"ok\", \"tamper\": false}}")),
            jsonValues.Select(v => Encoding.UTF8.GetBytes($"{{\"camera\": \"ok\", \"audio\": \"ok\", \"tamper\": {v}, \"power\": \"nuclear\"}}")),
            jsonValues.Select(v => Encoding.UTF8.GetBytes($"{{\"camera\": \"ok\", \"audio\": {v}, \"loopback\": {{\"audioLevel\": {v}, \"videoFrames\": {v}}}}}")),
            jsonValues.Select(v => Encoding.UTF8.GetBytes($"{{\"sdp\": {v}}}")),
            Gen.Int[50, 200].Select(depth => Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth))),
            Gen.Int[16 * 1024 - 8, 20 * 1024].Select(n => Encoding.UTF8.GetBytes($"{{\"x\": \"{new string('a', n)}\"}}")),
            Gen.Const(new byte[] { 0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D }));
        var requests = Gen.Select(methodsAndPaths, secrets, contentTypes, bodies, (request, secret, type, body) => new Probe(request.Method, request.Path, secret, type, body));

        await requests.SampleAsync(
            async probe =>
            {
                using var response = await fixture.Http.SendAsync(probe.ToRequest(), cancel);
                var text = await response.Content.ReadAsStringAsync(cancel);
                Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {probe}: {text}");
                Assert.False(response.IsSuccessStatusCode && probe.Method != "GET", $"{(int)response.StatusCode} for a malformed {probe}");
                if ((int)response.StatusCode >= 400)
                {
                    Problems.AssertWellFormed(response, text);
                }
            },
            iter: 400,
            threads: 2,
            print: p => p.ToString());

        Assert.Equal(before, await StateAsync(target, other, othersCall));
    }

    private static bool IsRfc3339Body(byte[] body) =>
        System.Text.RegularExpressions.Regex.IsMatch(Encoding.UTF8.GetString(body), "\"pressedAt\": \"\\d{4}-");

    private async Task<string> StateAsync(TestKiosk target, TestKiosk other, Guid othersCall)
    {
        static string Of(KioskSnapshot k) =>
            $"{k.PressCount}/{k.CallCount}/{k.OpenCallId}/{k.LastHeartbeatAt:O}/{k.Health}/{k.Connectivity}/{k.Alerts.Length}/{k.SecretIssuedAt:O}";
        var call = await fixture.Cluster.GetCall(othersCall).GetAsync();
        return $"{Of(await target.Grain.GetAsync())} | {Of(await other.Grain.GetAsync())} | {call.Status}/{call.PressCount}/{call.Timeline.Length}";
    }

    private sealed record Probe(string Method, string Path, string? Authorization, string? ContentType, byte[] Body)
    {
        public HttpRequestMessage ToRequest()
        {
            var request = new HttpRequestMessage(new HttpMethod(Method), Path);
            if (Authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", Authorization);
            }

            if (Method != "GET" || Body.Length > 0)
            {
                request.Content = new ByteArrayContent(Body);
                if (ContentType is not null)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
                }
            }

            return request;
        }

        public override string ToString() =>
            $"{Method} {Path} auth=[{Authorization}] type=[{ContentType}] body={Encoding.UTF8.GetString(Body[..Math.Min(Body.Length, 120)])}";
    }
}
