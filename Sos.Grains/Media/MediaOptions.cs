namespace Sos.Grains.Media;

/// <summary>Media settings, bound from <c>Sos:Media</c> (every key is in the README).</summary>
public sealed class MediaOptions
{
    /// <summary>Whether calls get voice, video and recording at all (<c>Sos:Media:Enabled</c>, default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The one address the media server offers media on (<c>Sos:Media:Address</c>, its ICE enforce list): an address
    /// kiosks and consoles reach. Empty: the embedded media server takes the host's first non-loopback IPv4 address.
    /// </summary>
    public string? Address { get; set; }

    /// <summary>The UDP ports the embedded media server uses for media (<c>Sos:Media:RtpPorts</c>, default 20000-20999).</summary>
    public string RtpPorts { get; set; } = "20000-20999";

    /// <summary>
    /// The UDP ports the embedded media server receives kiosks' RTSP cameras on (<c>Sos:Media:CameraRtpPorts</c>, default
    /// 21000-21999; the cameras send there).
    /// </summary>
    public string CameraRtpPorts { get; set; } = "21000-21999";

    /// <summary>
    /// The UDP ports the embedded media server uses for SIP intercoms' voice (<c>Sos:Media:SipRtpPorts</c>, default
    /// 22000-22999; the stations send their RTP there).
    /// </summary>
    public string SipRtpPorts { get; set; } = "22000-22999";

    /// <summary>The SIP identity Sos calls stations as (<c>Sos:Media:SipIdentity</c>, default <c>sip:sos@sos.local</c>): what a station's allow-list names.</summary>
    public string SipIdentity { get; set; } = "sip:sos@sos.local";

    /// <summary>How long a SIP intercom has to answer Sos's call when an operator answers its press (<c>Sos:Media:StationAnswerTimeout</c>, default 20 s).</summary>
    public TimeSpan StationAnswerTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long a kiosk's IP camera may send no picture during a call before it is a kiosk fault, the alert "camera sends
    /// no pictures" (<c>Sos:Media:CameraSilentAfter</c>, default 5 s; looked at every 2 s).
    /// </summary>
    public TimeSpan CameraSilentAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Where recordings are kept (<c>Sos:Media:EvidenceDirectory</c>; default <c>evidence</c> in the data directory).</summary>
    public string? EvidenceDirectory { get; set; }

    /// <summary>The full path evidence is kept under: <see cref="EvidenceDirectory"/>, or <c>data/evidence</c>.</summary>
    public string EvidenceRoot => Path.GetFullPath(EvidenceDirectory is { Length: > 0 } directory ? directory : Path.Combine("data", "evidence"));

    /// <summary>
    /// Whether this host may start a Janus of its own when no URL is configured: the Embedded mode's host sets it
    /// (not a configuration key; Memory and Cluster hosts need <c>Sos:Media:Janus:Urls</c>).
    /// </summary>
    public bool EmbeddedServerAllowed { get; set; }

    /// <summary>
    /// How often each silo lists the media servers' rooms and destroys those no open call owns
    /// (<c>Sos:Media:ReconcileInterval</c>, default 5 minutes; also once shortly after start-up).
    /// </summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a call's evidence is kept after its media ended (<c>Sos:Media:Retention</c>); unset keeps it for ever.
    /// Older evidence is deleted by a sweep every <see cref="RetentionSweepInterval"/>, and the call's timeline says so.
    /// </summary>
    public TimeSpan? Retention { get; set; }

    /// <summary>How often the evidence directory is swept for evidence past its retention (<c>Sos:Media:RetentionSweepInterval</c>, default 1 hour).</summary>
    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The Janus media servers (<c>Sos:Media:Janus</c>).</summary>
    public JanusOptions Janus { get; set; } = new();

    /// <summary>TURN relays offered to kiosks and consoles behind NAT or on cellular (<c>Sos:Media:Turn</c>).</summary>
    public TurnOptions Turn { get; set; } = new();
}
