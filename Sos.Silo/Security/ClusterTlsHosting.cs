using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Connections.Security;

namespace Sos.Silo.Security;

/// <summary>Puts <see cref="ClusterTls"/> on a silo's and a client's Orleans connections.</summary>
public static class ClusterTlsHosting
{
    /// <summary>
    /// Mutual TLS on every connection of the silo: silo-to-silo both ways (silo certificates only) and its gateway
    /// (silo or client certificates).
    /// </summary>
    public static ISiloBuilder UseSosClusterTls(this ISiloBuilder silo, ClusterTls tls)
    {
        silo.Services.AddOptions<SiloConnectionOptions>().Configure<ILoggerFactory>((connections, loggers) =>
        {
            var logger = loggers.CreateLogger(typeof(ClusterTls));
            connections.ConfigureSiloInboundConnection(connection => connection.UseServerTls(Options(tls, ClusterRole.Silo, logger, "silo port")));
            connections.ConfigureGatewayInboundConnection(connection => connection.UseServerTls(Options(tls, ClusterRole.Client, logger, "gateway")));
            connections.ConfigureSiloOutboundConnection(connection => connection.UseClientTls(Options(tls, ClusterRole.Silo, logger, "another silo")));
        });
        return silo;
    }

    /// <summary>Mutual TLS on the client's gateway connections, which must lead to a silo of the installation.</summary>
    public static IClientBuilder UseSosClusterTls(this IClientBuilder client, ClusterTls tls)
    {
        client.Services.AddOptions<ClientConnectionOptions>().Configure<ILoggerFactory>((connections, loggers) =>
        {
            var logger = loggers.CreateLogger(typeof(ClusterTls));
            connections.ConfigureConnection(connection => connection.UseClientTls(Options(tls, ClusterRole.Silo, logger, "gateway")));
        });
        return client;
    }

    private static TlsOptions Options(ClusterTls tls, ClusterRole peer, ILogger logger, string where) => new()
    {
        LocalCertificate = tls.Certificate,
        RemoteCertificateMode = RemoteCertificateMode.RequireCertificate,
        ClientCertificateMode = RemoteCertificateMode.RequireCertificate,
        RemoteCertificateValidation = (certificate, _, _) => Check(tls, certificate, peer, logger, where),
    };

    private static bool Check(ClusterTls tls, X509Certificate2 certificate, ClusterRole peer, ILogger logger, string where)
    {
        if (tls.Accepts(certificate, peer, out var reason))
        {
            return true;
        }

        logger.LogWarning("Cluster connection refused at the {Where}: {Reason}", where, reason);
        return false;
    }
}
