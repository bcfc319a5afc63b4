namespace Sos.Simulator.Chaos;

/// <summary>The loopback ports of one silo process.</summary>
/// <param name="SiloPort">Silo-to-silo port.</param>
/// <param name="GatewayPort">Client gateway port.</param>
/// <param name="HttpPort">Device API port; 0 for an ephemeral one.</param>
public sealed record SiloEndpoints(int SiloPort, int GatewayPort, int HttpPort)
{
    /// <summary>Three free ports.</summary>
    public static SiloEndpoints Free() => new(FreePorts.Next(), FreePorts.Next(), FreePorts.Next());

    /// <summary>The device API of the silo.</summary>
    public Uri DeviceApi => new($"http://127.0.0.1:{HttpPort}/");
}
