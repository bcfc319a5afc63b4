using System.Diagnostics;

namespace Sos.Simulator.Chaos;

/// <summary>
/// The cluster certificates of a throw-away installation, made by the repository's <c>scripts/certificates.sh</c>
/// (as an administrator makes them) in a temporary directory: its CA, a silo certificate for 127.0.0.1 and a client
/// certificate. The chaos runs, the benchmarks and the tests start their Cluster-mode silos and clients with them.
/// </summary>
public sealed class ClusterCertificates
{
    /// <summary>The silo certificate's name.</summary>
    public const string Silo = "silo";

    /// <summary>The client certificate's name.</summary>
    public const string Client = "client";

    private static readonly Lazy<ClusterCertificates> SharedInstance = new(() => Create(Directory.CreateTempSubdirectory("sos-certificates-").FullName));

    private ClusterCertificates(string directory) => DirectoryPath = directory;

    /// <summary>One installation's certificates for the whole process, made on first use.</summary>
    public static ClusterCertificates Shared => SharedInstance.Value;

    /// <summary>Where the files are.</summary>
    public string DirectoryPath { get; }

    /// <summary>Makes a CA with a silo and a client certificate in <paramref name="directory"/>.</summary>
    public static ClusterCertificates Create(string directory)
    {
        var certificates = new ClusterCertificates(directory);
        certificates.Run("ca");
        certificates.Run("silo", Silo, "127.0.0.1");
        certificates.Run("client", Client);
        return certificates;
    }

    /// <summary>Runs <c>scripts/certificates.sh</c> on this directory with <paramref name="arguments"/> (its kind, name, addresses).</summary>
    public void Run(params string[] arguments)
    {
        var root = ChaosPostgres.RepositoryRoot() ?? throw new InvalidOperationException("Sos.sln was not found above the simulator or the current directory, so scripts/certificates.sh cannot be run.");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(root, "scripts", "certificates.sh"));
        start.ArgumentList.Add(DirectoryPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var script = Process.Start(start)!;
        var stderr = script.StandardError.ReadToEndAsync();
        script.StandardOutput.ReadToEnd();
        script.WaitForExit();
        if (script.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/certificates.sh {string.Join(' ', arguments)} failed ({script.ExitCode}): {stderr.Result}");
        }
    }

    /// <summary>The settings (configuration keys) that give a member the certificate <paramref name="name"/>.</summary>
    public Dictionary<string, string> Settings(string name) => new()
    {
        ["Sos:Security:Tls:CaCertificate"] = Path.Combine(DirectoryPath, "ca.crt"),
        ["Sos:Security:Tls:Certificate"] = Path.Combine(DirectoryPath, $"{name}.crt"),
        ["Sos:Security:Tls:CertificateKey"] = Path.Combine(DirectoryPath, $"{name}.key"),
    };

    /// <summary>The same settings as environment variables, for a silo process.</summary>
    public Dictionary<string, string> Environment(string name) =>
        Settings(name).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
}
