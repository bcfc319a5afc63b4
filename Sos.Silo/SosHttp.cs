using System.Globalization;

namespace Sos.Silo;

/// <summary>Where a silo serves HTTP (the device API and its OpenAPI document) when nothing else is configured.</summary>
public static class SosHttp
{
    /// <summary>The HTTP port of a silo with the default gateway port.</summary>
    public const int DefaultPort = 5080;

    /// <summary>The device API of a silo with the default ports.</summary>
    public const string DefaultSiloUrl = "http://127.0.0.1:5080";

    /// <summary>
    /// The silo's address when neither <c>Urls</c> (ASP.NET Core's key: <c>--urls</c>, <c>ASPNETCORE_URLS</c>) nor a
    /// Kestrel endpoint is configured: loopback, port 5080 shifted by as much as the gateway port is shifted from 30000,
    /// so silos started on one machine with their own gateway ports (30000, 30001, …) get their own HTTP ports
    /// (5080, 5081, …). A shift out of the port range gives an ephemeral port.
    /// </summary>
    public static string DefaultUrlFor(int gatewayPort)
    {
        var port = DefaultPort + (gatewayPort - new SosSiloEndpointOptions().GatewayPort);
        return $"http://127.0.0.1:{(port is > 1023 and <= 65535 ? port : 0).ToString(CultureInfo.InvariantCulture)}";
    }
}
