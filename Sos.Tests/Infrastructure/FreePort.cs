using System.Net;
using System.Net.Sockets;

namespace Sos.Tests.Infrastructure;

/// <summary>Loopback ports nobody listens on, so hosts started by tests never collide.</summary>
public static class FreePort
{
    /// <summary>A port that was free a moment ago.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
