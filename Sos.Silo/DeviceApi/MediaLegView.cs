using System.ComponentModel;

namespace Sos.Silo.DeviceApi;

/// <summary>A leg the media server offers the kiosk: answer it at <c>legs/{legId}/answer</c>.</summary>
/// <param name="LegId">The leg.</param>
/// <param name="Sdp">The media server's SDP offer.</param>
public sealed record MediaLegView(string LegId, [property: Description("The media server's SDP offer (complete, no trickle).")] string Sdp);
