namespace Sos.Grains.Media;

/// <summary>The Janus media servers Sos drives (<c>Sos:Media:Janus</c>).</summary>
public sealed class JanusOptions
{
    /// <summary>
    /// The HTTP API URLs of an existing Janus deployment (<c>Sos:Media:Janus:Urls</c>, e.g. <c>http://10.0.0.5:8088/janus</c>).
    /// Empty: the host starts and supervises a Janus of its own (Embedded and Memory modes).
    /// </summary>
    public string[] Urls { get; set; } = [];

    /// <summary>The VideoRoom <c>admin_key</c> of that deployment: only holders create rooms (<c>Sos:Media:Janus:AdminKey</c>).</summary>
    public string? AdminKey { get; set; }

    /// <summary>The embedded Janus' program (<c>Sos:Media:Janus:Executable</c>, default <c>janus</c> from Debian's package).</summary>
    public string Executable { get; set; } = "janus";

    /// <summary>The embedded Janus' HTTP API port on 127.0.0.1 (<c>Sos:Media:Janus:Port</c>, default 8088).</summary>
    public int Port { get; set; } = 8088;

    /// <summary>How long one API request may take before the server counts as not answering (<c>Sos:Media:Janus:RequestTimeout</c>).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
