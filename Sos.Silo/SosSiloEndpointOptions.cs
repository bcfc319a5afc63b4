namespace Sos.Silo;

/// <summary>Where the silo listens and which cluster it joins, bound from <c>Sos:Silo</c>.</summary>
public sealed class SosSiloEndpointOptions
{
    /// <summary>Silo-to-silo port (<c>Sos:Silo:SiloPort</c>).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port clients (consoles, gateways) connect to (<c>Sos:Silo:GatewayPort</c>).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo at (<c>Sos:Silo:AdvertisedAddress</c>); in Cluster mode on several machines, this machine's address.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Listen on every interface rather than only the advertised address (<c>Sos:Silo:ListenOnAnyAddress</c>).</summary>
    public bool ListenOnAnyAddress { get; set; }

    /// <summary>The cluster id (<c>Sos:Silo:ClusterId</c>).</summary>
    public string ClusterId { get; set; } = "sos";

    /// <summary>The service id; keep it stable, storage is keyed by it (<c>Sos:Silo:ServiceId</c>).</summary>
    public string ServiceId { get; set; } = "sos";
}
