namespace Sos.Silo.DeviceApi;

/// <summary>Device API settings, bound from <c>Sos:DeviceApi</c>.</summary>
public sealed class DeviceApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Sos:DeviceApi";

    /// <summary>The largest request body accepted; larger ones get 413.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>
    /// How long a request may wait for the cluster before it is answered 503 (<c>Sos:DeviceApi:RequestTimeout</c>).
    /// A grain call to a silo that just died would otherwise hang for Orleans' response timeout (30 s).
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The <c>Retry-After</c> of a 503, in whole seconds (<c>Sos:DeviceApi:RetryAfterSeconds</c>).</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Heartbeats and cancels one kiosk may send at once from one address (<c>Sos:DeviceApi:RequestBurst</c>).</summary>
    public int RequestBurst { get; set; } = 10;

    /// <summary>Heartbeats and cancels a second one kiosk may send from one address after a burst (<c>Sos:DeviceApi:RequestsPerSecond</c>).</summary>
    public int RequestsPerSecond { get; set; } = 2;
}
