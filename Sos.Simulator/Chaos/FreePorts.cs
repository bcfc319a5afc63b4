using System.Net;
using System.Net.Sockets;

namespace Sos.Simulator.Chaos;

/// <summary>Loopback ports nobody listens on, so processes started by a run or a test never collide.</summary>
public static class FreePorts
{
    /// <summary>A port that was free a moment ago.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
