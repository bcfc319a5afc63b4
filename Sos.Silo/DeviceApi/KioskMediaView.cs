using System.ComponentModel;
using System.Text.Json.Serialization;
using Sos.Grains.Abstractions;

namespace Sos.Silo.DeviceApi;

/// <summary>A call's media as its kiosk sees it: whether to publish, whether the operator's voice can be received, how to reach the media server.</summary>
/// <param name="Status">pending, live, unavailable, disabled or ended.</param>
/// <param name="Problem">Why media is missing, if it is.</param>
/// <param name="OperatorAudio">True once the operator's microphone is on the call: ask for it at <c>media/receive</c>.</param>
/// <param name="IceServers">STUN/TURN servers for the kiosk's RTCPeerConnection (TURN when the kiosk is behind NAT or on cellular).</param>
/// <param name="OperatorVoice">Changes whenever another operator's microphone joins (a take-over): ask for the operator's voice again.</param>
/// <param name="Room">How many rooms the call has had: when it changes, the media server was lost and the room moved, so publish again.</param>
public sealed record KioskMediaView(
    [property: Description("pending, live, unavailable, disabled or ended."), JsonConverter(typeof(CamelCaseEnumConverter<MediaStatus>))] MediaStatus Status,
    string? Problem,
    [property: Description("True once the operator's microphone is on the call.")] bool OperatorAudio,
    IReadOnlyList<IceServerView> IceServers,
    [property: Description("Changes whenever another operator's microphone joins the call (a take-over): ask for the operator's voice again.")] int OperatorVoice,
    [property: Description("Changes when the room moved to another media server: publish again and ask for the operator's voice again.")] int Room);
