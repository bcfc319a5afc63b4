using System.Diagnostics;

namespace Sos.Grains.Telemetry;

/// <summary>
/// Sos's own spans along the press path (OpenTelemetry source <c>Sos</c>): a press at its kiosk, an offer at its call.
/// Orleans carries the trace from the device API's request through every grain call (activity propagation), so one
/// trace shows a press from HTTP to the ring. Exported over OTLP when <c>Sos:Telemetry:OtlpEndpoint</c> is set.
/// </summary>
public static class SosTracing
{
    /// <summary>The activity source's name.</summary>
    public const string SourceName = "Sos";

    /// <summary>The tag that names the call a span belongs to.</summary>
    public const string CallIdTag = "sos.call_id";

    /// <summary>The tag that names the kiosk.</summary>
    public const string KioskIdTag = "sos.kiosk_id";

    /// <summary>The source.</summary>
    public static readonly ActivitySource Source = new(SourceName, "1.0");
}
