namespace Sos.Grains.Stations;

/// <summary>How SIP help-point stations are supervised, bound from <c>Sos:Stations</c> (every key is in the README).</summary>
public sealed class StationOptions
{
    /// <summary>Whether SIP intercoms are supervised by SIP OPTIONS (<c>Sos:Stations:Supervision</c>, default true).</summary>
    public bool Supervision { get; set; } = true;

    /// <summary>
    /// How often each SIP intercom is sent an OPTIONS and its answer read (<c>Sos:Stations:ProbeInterval</c>, default
    /// 5 s): a station's "heartbeat", with the same Offline rule (<c>Sos:Kiosks:MissedHeartbeats</c> of them missed).
    /// </summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The JSON-RPC URL of the SIP server (Debian's kamailio, its <c>jsonrpcs</c> over <c>xhttp</c>) that sends the
    /// OPTIONS (<c>Sos:Stations:RpcUrl</c>). Empty: the embedded host starts one of its own on
    /// <c>http://127.0.0.1:{RpcPort}/RPC</c>.
    /// </summary>
    public string? RpcUrl { get; set; }

    /// <summary>The embedded SIP server's program (<c>Sos:Stations:Executable</c>, default <c>kamailio</c>).</summary>
    public string Executable { get; set; } = "kamailio";

    /// <summary>
    /// The embedded SIP server's UDP port on the media address (<c>Sos:Stations:SipPort</c>, default 5070: not 5060,
    /// which a system kamailio or another SIP server on the host may hold; stations answer OPTIONS from any port).
    /// </summary>
    public int SipPort { get; set; } = 5070;

    /// <summary>The embedded SIP server's JSON-RPC port on 127.0.0.1 (<c>Sos:Stations:RpcPort</c>, default 5071).</summary>
    public int RpcPort { get; set; } = 5071;

    /// <summary>
    /// The secret the SIP server sends (<c>Authorization: Bearer …</c>) when it hands Sos a station's press, a SIP
    /// <c>MESSAGE</c> (<c>Sos:Stations:PressToken</c>). Empty: the embedded host makes one on every start for its own
    /// kamailio, and a cluster takes no presses over SIP (set the same secret on every silo and in its SIP server).
    /// </summary>
    public string? PressToken { get; set; }

    /// <summary>The URL Sos asks: <see cref="RpcUrl"/>, or the embedded server's.</summary>
    public string EffectiveRpcUrl => RpcUrl is { Length: > 0 } url ? url : $"http://127.0.0.1:{RpcPort}/RPC";
}
