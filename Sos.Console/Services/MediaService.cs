using Microsoft.Extensions.Options;
using Sos.Grains.Abstractions;
using Sos.Grains.Media;

namespace Sos.Console.Services;

/// <summary>The console's side of a call's media: its legs are negotiated with the call's media grain, never with Janus.</summary>
public sealed class MediaService(IClusterClient client, IOptions<MediaOptions> options)
{
    /// <summary>The ICE servers (TURN) the console's browser uses, as RTCIceServer objects.</summary>
    public IReadOnlyList<object> IceServers { get; } = options.Value.Turn.Urls.Length == 0
        ? []
        : [new { urls = options.Value.Turn.Urls, username = options.Value.Turn.Username, credential = options.Value.Turn.Credential }];

    /// <summary>The call's media session now.</summary>
    public Task<MediaSessionSnapshot> GetAsync(Guid callId) => client.GetMediaSession(callId).GetAsync();

    /// <summary>An offer for a leg that shows <paramref name="login"/> the caller; null while the caller's side is not up yet.</summary>
    public Task<MediaLegOffer?> WatchAsync(Guid callId, string login) => client.GetMediaSession(callId).SubscribeAsync(MediaFeed.Caller, login);

    /// <summary>Whether the kiosk's last heartbeat reported its camera (or its audio) faulty.</summary>
    public async Task<bool> KioskDevicesFaultyAsync(string kioskId) =>
        kioskId.Length > 0 && (await client.GetKiosk(kioskId).GetAsync()).Health is { } health && (!health.CameraOk || !health.AudioOk);

    /// <summary>An offer for a leg that lets <paramref name="login"/> hear the operator; null while no operator's microphone is on the call.</summary>
    public Task<MediaLegOffer?> HearAsync(Guid callId, string login) => client.GetMediaSession(callId).SubscribeAsync(MediaFeed.Operator, login);

    /// <summary>A supervisor began listening in: the call's timeline says who and when.</summary>
    public Task NoteListeningAsync(Guid callId, string login, DateTimeOffset at) =>
        client.GetCall(callId).NoteMediaAsync(CallEventKind.Media, $"{login} listened in silently from {at:HH:mm:ss} UTC");

    /// <summary>The console's answer to a leg's offer.</summary>
    public Task AnswerAsync(Guid callId, string legId, string sdp) => client.GetMediaSession(callId).AnswerAsync(legId, sdp);

    /// <summary>The connected operator's microphone: their offer in, the media server's answer out.</summary>
    public Task<string> TalkAsync(Guid callId, string login, string offerSdp) => client.GetMediaSession(callId).PublishAsync(MediaFeed.Operator, login, offerSdp);

    /// <summary>The console leaves a leg.</summary>
    public Task CloseLegAsync(Guid callId, string legId) => client.GetMediaSession(callId).CloseLegAsync(legId);
}
