using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Sos.Grains.Abstractions;
using Sos.Silo.Security;
using Sos.Simulator.Chaos;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

/// <summary>
/// Mutual TLS inside a Cluster-mode installation, on real silo processes: only the installation's certificates get
/// in, a client's certificate cannot act as a silo, and plain text is refused unless chosen on purpose.
/// </summary>
public sealed class ClusterSecurityTests
{
    private static readonly TimeSpan RefusedWithin = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ClusterSiloWithoutCertificatesRefusesToStartAndSaysHowToAllowPlainText()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        var (exitCode, output) = await SiloProcess.RunToEndAsync(new Dictionary<string, string>
        {
            ["Sos__Mode"] = "Cluster",
            ["ConnectionStrings__Sos"] = database.ConnectionString,
        });

        Assert.Equal(2, exitCode);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("Sos cannot start: ", line, StringComparison.Ordinal);
        Assert.Contains("scripts/certificates.sh", line, StringComparison.Ordinal);
        Assert.Contains("Sos:Security:AllowPlaintextCluster=true", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SiloGivenAClientCertificateRefusesToStart()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        var environment = ClusterCertificates.Shared.Environment(ClusterCertificates.Client);
        environment["Sos__Mode"] = "Cluster";
        environment["ConnectionStrings__Sos"] = database.ConnectionString;

        var (exitCode, output) = await SiloProcess.RunToEndAsync(environment);

        Assert.Equal(2, exitCode);
        Assert.Contains("cannot serve as a silo", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientWithTheInstallationsCertificateWorksAndClientsWithoutOneOrFromAnotherCaCannotConnect()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        var clusterId = $"sos-{Guid.NewGuid():N}";
        await using var silo = await SiloProcess.StartClusterSiloAsync(database.ConnectionString, clusterId);

        await using (var member = await ClusterClientHost.ConnectAsync(database.ConnectionString, clusterId, cancellationToken: TestContext.Current.CancellationToken))
        {
            Assert.Null((await member.Client.GetKiosk($"kiosk-{Guid.NewGuid():N}").GetAsync()).Registration);
        }

        var plain = new Dictionary<string, string?>
        {
            ["Sos:Security:Tls:CaCertificate"] = null,
            ["Sos:Security:Tls:Certificate"] = null,
            ["Sos:Security:Tls:CertificateKey"] = null,
            ["Sos:Security:AllowPlaintextCluster"] = "true",
        };
        var before = FailedHandshakes(silo);
        await AssertNeverConnectsAsync(token => ClusterClientHost.ConnectAsync(database.ConnectionString, clusterId, plain, token), silo);
        await Poll.UntilAsync(() => Task.FromResult(FailedHandshakes(silo)), n => n > before, "the silo refusing the plain-text client's handshake", RefusedWithin);

        // Refused in the handshake, whichever side ends it first (this client also refuses the silo's certificate; the
        // silo's own verdict on another CA's certificate is tried on a raw connection below).
        var stranger = ClusterCertificates.Create(Directory.CreateTempSubdirectory("sos-other-ca-").FullName);
        before = FailedHandshakes(silo);
        await AssertNeverConnectsAsync(token => ClusterClientHost.ConnectAsync(database.ConnectionString, clusterId, stranger.Settings(ClusterCertificates.Client)!, token), silo);
        await Poll.UntilAsync(() => Task.FromResult(FailedHandshakes(silo)), n => n > before, "the silo refusing the other CA's client in the handshake", RefusedWithin);
    }

    /// <summary>How many failed or timed-out handshakes the silo has logged.</summary>
    private static int FailedHandshakes(SiloProcess silo) =>
        silo.Output.Split('\n').Count(line => line.Contains("Orleans.Connections.Security.TlsServerConnectionMiddleware", StringComparison.Ordinal));

    [Fact]
    public async Task SiloPortRefusesAClientCertificateAndBothPortsRefuseAnotherCa()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        await using var silo = await SiloProcess.StartClusterSiloAsync(database.ConnectionString, $"sos-{Guid.NewGuid():N}");
        var shared = ClusterCertificates.Shared;
        var stranger = ClusterCertificates.Create(Directory.CreateTempSubdirectory("sos-other-ca-").FullName);

        await AssertRefusedAsync(silo.SiloPort, shared, ClusterCertificates.Client);
        await silo.WaitForOutputAsync("Cluster connection refused at the silo port: 'CN=client, OU=client, O=Sos' is not a silo certificate");
        await AssertRefusedAsync(silo.SiloPort, stranger, ClusterCertificates.Silo);
        await AssertRefusedAsync(silo.GatewayPort, stranger, ClusterCertificates.Client);
        await silo.WaitForOutputAsync("Cluster connection refused at the gateway: 'CN=client, OU=client, O=Sos' does not come from this installation's CA");
    }

    [Fact]
    public void CertificatesAreToldApartByTheirUseAndTheirCa()
    {
        var shared = ClusterCertificates.Shared;
        var stranger = ClusterCertificates.Create(Directory.CreateTempSubdirectory("sos-other-ca-").FullName);
        var tls = ClusterTls.From(new ConfigurationBuilder().AddInMemoryCollection(shared.Settings(ClusterCertificates.Silo)!).Build(), ClusterRole.Silo)!;

        Assert.Equal(ClusterRole.Silo, tls.Role);
        Assert.True(tls.Accepts(Load(shared, ClusterCertificates.Silo), ClusterRole.Silo, out _));
        Assert.True(tls.Accepts(Load(shared, ClusterCertificates.Silo), ClusterRole.Client, out _));
        Assert.True(tls.Accepts(Load(shared, ClusterCertificates.Client), ClusterRole.Client, out _));
        Assert.False(tls.Accepts(Load(shared, ClusterCertificates.Client), ClusterRole.Silo, out var notASilo));
        Assert.Contains("is not a silo certificate", notASilo, StringComparison.Ordinal);
        Assert.False(tls.Accepts(Load(stranger, ClusterCertificates.Silo), ClusterRole.Silo, out var strange));
        Assert.Contains("CA", strange, StringComparison.Ordinal);
    }

    private static X509Certificate2 Load(ClusterCertificates certificates, string name) =>
        X509CertificateLoader.LoadCertificateFromFile(Path.Combine(certificates.DirectoryPath, $"{name}.crt"));

    private static async Task AssertNeverConnectsAsync(Func<CancellationToken, Task<ClusterClientHost>> connect, SiloProcess silo)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var refused = await Record.ExceptionAsync(async () => await (await connect(patience.Token)).DisposeAsync());
        Assert.True(refused is not null, $"a client the cluster must refuse connected (silo output:\n{silo.Output})");
    }

    /// <summary>
    /// A TLS connection to <paramref name="port"/> with <paramref name="name"/>'s certificate must end: the handshake
    /// fails or the silo closes the connection once it has judged the certificate.
    /// </summary>
    private static async Task AssertRefusedAsync(int port, ClusterCertificates certificates, string name)
    {
        using var pem = X509Certificate2.CreateFromPemFile(Path.Combine(certificates.DirectoryPath, $"{name}.crt"), Path.Combine(certificates.DirectoryPath, $"{name}.key"));
        using var certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        var ended = await Record.ExceptionAsync(async () =>
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "127.0.0.1",
                ClientCertificates = [certificate],
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            }).WaitAsync(RefusedWithin);
            var read = await tls.ReadAsync(new byte[16]).AsTask().WaitAsync(RefusedWithin);
            Assert.Equal(0, read);
        });
        Assert.True(ended is null or IOException or AuthenticationException, $"the connection with {name}'s certificate was not refused: {ended}");
    }
}
