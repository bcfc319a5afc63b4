using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Sos.Simulator.Chaos;

namespace Sos.Tests.Browser;

/// <summary>
/// The console as the README's Production section runs it: HTTPS from Kestrel certificates, HSTS, Secure cookies,
/// plain HTTP pages redirected, and the device API on a port of its own; a real process, a real TLS client.
/// </summary>
public sealed partial class HttpsTests
{
    [Fact]
    public async Task ConsoleOverHttpsSendsHstsAndSecureCookiesRedirectsPlainHttpAndKeepsTheDeviceApiOnItsOwnPort()
    {
        var certificates = ClusterCertificates.Shared;
        var (http, https, devices) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        var settings = new Dictionary<string, string>
        {
            ["Kestrel:Endpoints:Http:Url"] = $"http://127.0.0.1:{http}",
            ["Sos:Http:RequireHttps"] = "true",
            ["Sos:Http:HttpsPort"] = https.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sos:Http:DeviceApiPort"] = devices.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (name, port) in new[] { ("Https", https), ("Devices", devices) })
        {
            settings[$"Kestrel:Endpoints:{name}:Url"] = $"https://127.0.0.1:{port}";
            settings[$"Kestrel:Endpoints:{name}:Certificate:Path"] = Path.Combine(certificates.DirectoryPath, $"{ClusterCertificates.Silo}.crt");
            settings[$"Kestrel:Endpoints:{name}:Certificate:KeyPath"] = Path.Combine(certificates.DirectoryPath, $"{ClusterCertificates.Silo}.key");
        }

        await using var app = await ConsoleApp.StartAsync(settings, http);
        using var authority = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(certificates.DirectoryPath, "ca.crt"));
        using var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ServerCertificateCustomValidationCallback = (_, certificate, _, errors) => Trusted(certificate!, authority, errors),
        };
        using var client = new HttpClient(handler);
        var console = new Uri($"https://127.0.0.1:{https}");

        // A page asked for over plain HTTP is sent to HTTPS; the health probe answers on any scheme.
        var plain = await client.GetAsync(new Uri($"http://127.0.0.1:{http}/login"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.PermanentRedirect, plain.StatusCode);
        Assert.Equal(new Uri(console, "/login"), plain.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri($"http://127.0.0.1:{http}/health/live"), TestContext.Current.CancellationToken)).StatusCode);

        // Over HTTPS: HSTS, and every cookie Secure, HttpOnly where it is the sign-in's.
        var login = await client.GetAsync(new Uri(console, "/login"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("max-age=31536000", login.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        var antiforgery = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        var token = VerificationToken().Match(await login.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Groups["token"].Value;
        using var signIn = new HttpRequestMessage(HttpMethod.Post, new Uri(console, "/account/login"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["user"] = "admin",
                ["password"] = Sos.Silo.Demo.DemoAccounts.DefaultPassword,
                ["returnUrl"] = "/",
                ["__RequestVerificationToken"] = token,
            }),
        };
        signIn.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        var signedIn = await client.SendAsync(signIn, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("sos.console=", StringComparison.Ordinal));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);

        // The device API is served on its own port only, and that port serves nothing else.
        using var press = new StringContent("""{"pressId":"7d8b3c1e-2f4a-4b5c-9d6e-0f1a2b3c4d5e"}""", Encoding.UTF8, "application/json");
        var onConsolePort = await client.PostAsync(new Uri(console, "/api/v1/kiosks/pvl-embankment-01/presses"), press, TestContext.Current.CancellationToken);
        await AssertProblemAsync(onConsolePort, HttpStatusCode.NotFound, "wrong-port");
        var devicePort = new Uri($"https://127.0.0.1:{devices}");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(devicePort, "/openapi/v1.json"), TestContext.Current.CancellationToken)).StatusCode);
        await AssertProblemAsync(await client.GetAsync(new Uri(devicePort, "/login"), TestContext.Current.CancellationToken), HttpStatusCode.NotFound, "wrong-port");
        using var unauthenticated = new HttpRequestMessage(HttpMethod.Post, new Uri(devicePort, "/api/v1/kiosks/pvl-embankment-01/presses")) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        unauthenticated.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-secret");
        await AssertProblemAsync(await client.SendAsync(unauthenticated, TestContext.Current.CancellationToken), HttpStatusCode.Unauthorized, "secret-wrong");
    }

    [Fact]
    public async Task DeviceApiOverPlainHttpIsRefusedWhenHttpsIsRequiredAndNothingIsRedirected()
    {
        await using var app = await ConsoleApp.StartAsync(new Dictionary<string, string> { ["Sos:Http:RequireHttps"] = "true" });
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var press = new StringContent("{}", Encoding.UTF8, "application/json");

        var refused = await client.PostAsync(new Uri(app.Address, "/api/v1/kiosks/pvl-embankment-01/presses"), press, TestContext.Current.CancellationToken);

        await AssertProblemAsync(refused, HttpStatusCode.Forbidden, "https-required");
    }

    private static bool Trusted(X509Certificate2 certificate, X509Certificate2 authority, SslPolicyErrors errors)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None && chain.Build(certificate);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string reason)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(reason, problem.RootElement.GetProperty("reason").GetString());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"(?<token>[^\"]+)\"")]
    private static partial Regex VerificationToken();
}
