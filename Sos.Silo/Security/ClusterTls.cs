using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace Sos.Silo.Security;

/// <summary>What a cluster member is, told by its certificate's extended key usage (scripts/certificates.sh).</summary>
public enum ClusterRole
{
    /// <summary>A silo: TLS server and client use; it may join the cluster and serve gateways.</summary>
    Silo,

    /// <summary>A console, gateway or tool: TLS client use only; it may only connect to a gateway.</summary>
    Client,
}

/// <summary>
/// Mutual TLS between the members of a Sos cluster: this member's certificate and the installation's private CA that
/// every peer's certificate must come from. A silo accepts only silos on its silo port and silos or clients on its
/// gateway; a client accepts only a silo as its gateway. Configured by <c>Sos:Security:Tls</c>; Cluster mode refuses
/// to start without it unless <c>Sos:Security:AllowPlaintextCluster</c> is true.
/// </summary>
public sealed class ClusterTls
{
    /// <summary>The configuration section of the certificate files.</summary>
    public const string Section = "Sos:Security:Tls";

    /// <summary>The setting that lets a Cluster-mode member run without TLS, on purpose.</summary>
    public const string AllowPlaintextKey = "Sos:Security:AllowPlaintextCluster";

    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    private readonly X509Certificate2 authority;

    private ClusterTls(X509Certificate2 authority, X509Certificate2 certificate, ClusterRole role)
    {
        this.authority = authority;
        Certificate = certificate;
        Role = role;
    }

    /// <summary>This member's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>What this member's certificate lets it be.</summary>
    public ClusterRole Role { get; }

    /// <summary>
    /// Reads the TLS files of a Cluster-mode member that must act as <paramref name="role"/>. Null when none are
    /// configured and <c>Sos:Security:AllowPlaintextCluster</c> is true; a missing, unreadable or wrong file ends the
    /// start with a <see cref="SosConfigurationException"/> that says which.
    /// </summary>
    public static ClusterTls? From(IConfiguration configuration, ClusterRole role)
    {
        var files = configuration.GetSection(Section).Get<ClusterTlsOptions>() ?? new ClusterTlsOptions();
        if (!files.AnySet)
        {
            return configuration.GetValue(AllowPlaintextKey, false)
                ? null
                : throw new SosConfigurationException(
                    $"Sos:Mode is Cluster but {Section}:CaCertificate, :Certificate and :CertificateKey are not set: the cluster's connections would be plain text. " +
                    $"Create them with scripts/certificates.sh, or set {AllowPlaintextKey}=true on purpose.");
        }

        var authority = Load(files.CaCertificate, "CaCertificate", path => X509CertificateLoader.LoadCertificateFromFile(path));
        var certificate = Load(files.Certificate, "Certificate", path =>
        {
            var key = files.CertificateKey is { Length: > 0 } keyPath
                ? keyPath
                : throw new SosConfigurationException($"{Section}:CertificateKey (the private key of {Section}:Certificate) is not set.");
            if (!File.Exists(key))
            {
                throw new SosConfigurationException($"{Section}:CertificateKey names {Path.GetFullPath(key)}, which does not exist.");
            }

            // Loaded from PKCS#12 so TLS can use the key on every platform, not only a PEM file's ephemeral key.
            using var pem = X509Certificate2.CreateFromPemFile(path, key);
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        });

        var tls = new ClusterTls(authority, certificate, role);
        if (!tls.Accepts(certificate, role, out var reason))
        {
            throw new SosConfigurationException($"{Section}:Certificate cannot serve as a {role.ToString().ToLowerInvariant()}: {reason}.");
        }

        return tls;
    }

    /// <summary>
    /// Whether a peer's <paramref name="certificate"/> may act as <paramref name="required"/>: it chains to the
    /// installation's CA, is within its validity and carries the role's key usage. A client role is met by a silo's
    /// certificate too (a silo may call a gateway), never the other way round.
    /// </summary>
    public bool Accepts(X509Certificate2 certificate, ClusterRole required, out string reason)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (!chain.Build(certificate))
        {
            var problems = chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct();
            reason = $"'{certificate.Subject}' does not come from this installation's CA ({string.Join("; ", problems)})";
            return false;
        }

        if (!chain.ChainElements[^1].Certificate.RawDataMemory.Span.SequenceEqual(authority.RawDataMemory.Span))
        {
            reason = $"'{certificate.Subject}' comes from another CA";
            return false;
        }

        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>()
            .SelectMany(e => e.EnhancedKeyUsages.Cast<Oid>())
            .Select(o => o.Value)
            .ToHashSet(StringComparer.Ordinal);
        var silo = usages.Contains(ServerAuthentication) && usages.Contains(ClientAuthentication);
        var allowed = required == ClusterRole.Silo ? silo : silo || usages.Contains(ClientAuthentication);
        reason = allowed
            ? string.Empty
            : $"'{certificate.Subject}' is not a {required.ToString().ToLowerInvariant()} certificate (extended key usage {string.Join(", ", usages.Order(StringComparer.Ordinal))})";
        return allowed;
    }

    private static X509Certificate2 Load(string? path, string key, Func<string, X509Certificate2> load)
    {
        if (path is not { Length: > 0 })
        {
            throw new SosConfigurationException($"{Section}:{key} is not set (the cluster's TLS needs CaCertificate, Certificate and CertificateKey).");
        }

        if (!File.Exists(path))
        {
            throw new SosConfigurationException($"{Section}:{key} names {Path.GetFullPath(path)}, which does not exist.");
        }

        try
        {
            return load(path);
        }
        catch (CryptographicException unreadable)
        {
            throw new SosConfigurationException($"{Section}:{key} ({Path.GetFullPath(path)}) cannot be read as a certificate: {unreadable.Message}");
        }
    }
}

/// <summary>The PEM files of the cluster's TLS, bound from <c>Sos:Security:Tls</c>.</summary>
public sealed class ClusterTlsOptions
{
    /// <summary>The installation's CA certificate (<c>Sos:Security:Tls:CaCertificate</c>, e.g. <c>ca.crt</c>).</summary>
    public string? CaCertificate { get; set; }

    /// <summary>This member's certificate (<c>Sos:Security:Tls:Certificate</c>).</summary>
    public string? Certificate { get; set; }

    /// <summary>Its private key (<c>Sos:Security:Tls:CertificateKey</c>).</summary>
    public string? CertificateKey { get; set; }

    /// <summary>Whether any of the files is named.</summary>
    public bool AnySet => CaCertificate is { Length: > 0 } || Certificate is { Length: > 0 } || CertificateKey is { Length: > 0 };
}
