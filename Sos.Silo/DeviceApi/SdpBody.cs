using System.ComponentModel;

namespace Sos.Silo.DeviceApi;

/// <summary>An SDP offer or answer, complete with its candidates (no trickle).</summary>
/// <param name="Sdp">The session description, as the browser's RTCPeerConnection made it.</param>
public sealed record SdpBody([property: Description("The complete SDP (all ICE candidates gathered first: no trickle).")] string? Sdp);
