namespace Sos.Silo;

/// <summary>Where the silo listens and which cluster it joins, bound from <c>Sos:Silo</c>.</summary>
public sealed class SosSiloEndpointOptions
{
    /// <summary>Silo-to-silo port (<c>Sos:Silo:SiloPort</c>).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port clients (consoles, gateways) connect to (<c>Sos:Silo:GatewayPort</c>).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The cluster id (<c>Sos:Silo:ClusterId</c>).</summary>
    public string ClusterId { get; set; } = "sos";

    /// <summary>The service id; keep it stable, storage is keyed by it (<c>Sos:Silo:ServiceId</c>).</summary>
    public string ServiceId { get; set; } = "sos";
}
