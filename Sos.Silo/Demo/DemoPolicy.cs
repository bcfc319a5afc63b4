using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace Sos.Silo.Demo;

/// <summary>
/// Whether this host runs the demo (the demo kiosks, their shared device secret, the demo accounts with their
/// documented password, "Press (demo)"): only where it is safe. Never in Cluster mode. Otherwise <c>Sos:Demo:Enabled</c>
/// decides when set; unset, the demo runs only while every address the host listens on is loopback, so a machine
/// that others can reach never answers with public passwords and secrets.
/// </summary>
public static class DemoPolicy
{
    /// <summary>The setting that turns the demo on or off on purpose.</summary>
    public const string EnabledKey = "Sos:Demo:Enabled";

    /// <summary>Whether the demo runs on this host.</summary>
    public static bool Enabled(IConfiguration configuration) => Why(configuration).Enabled;

    /// <summary>Whether the demo runs and why, in words for the start-up log.</summary>
    public static (bool Enabled, string Reason) Why(IConfiguration configuration)
    {
        if (SosHostOptions.From(configuration).Mode == SosMode.Cluster)
        {
            return (false, "Cluster mode never runs the demo");
        }

        if (configuration.GetValue<bool?>(EnabledKey) is { } chosen)
        {
            return (chosen, $"{EnabledKey} is {chosen.ToString().ToLowerInvariant()}");
        }

        var exposed = Addresses(configuration).Where(a => !IsLoopback(a)).ToList();
        return exposed.Count == 0
            ? (true, "every address the host listens on is loopback")
            : (false, $"the host listens on {string.Join(", ", exposed)}, which others can reach (set {EnabledKey}=true to run the demo there anyway)");
    }

    /// <summary>The addresses the host is configured to listen on (URLs and Kestrel endpoints); none means the default, loopback.</summary>
    private static IEnumerable<string> Addresses(IConfiguration configuration)
    {
        var urls = (configuration[WebHostDefaults.ServerUrlsKey] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>();
        return urls.Concat(endpoints);
    }

    private static bool IsLoopback(string url)
    {
        var host = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        host = host.Split('/')[0];
        host = host.StartsWith('[') ? host[..(host.IndexOf(']') + 1)] : host.Split(':')[0];
        return host is "localhost" or "[::1]" || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address));
    }
}
