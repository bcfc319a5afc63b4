using Orleans.Concurrency;

namespace Sos.Grains.Abstractions;

/// <summary>
/// The media of one call, keyed by the call's id: its room on a media server (Janus), every leg that publishes to it
/// or receives from it, and its recording. The call tells it when it opens and when its conversation ends; the
/// caller's device (through the device API) and the console (through its server) negotiate their legs here, one SDP
/// offer and one answer per leg, never with the media server itself. Media failing never touches the call: the call
/// rings and is handled whatever this grain says.
/// </summary>
public interface IMediaSessionGrain : IGrainWithGuidKey
{
    /// <summary>
    /// The call opened: create its room, recording from the first packet. Repeating it changes nothing. When no media
    /// server can take the room the session says so (<see cref="MediaStatus.Unavailable"/>) and tries again on the next
    /// leg. The call sends it one way.
    /// </summary>
    [OneWay]
    Task OpenAsync(MediaOpening opening);

    /// <summary>
    /// A party publishes: <paramref name="feed"/> is whose side (the caller's camera and microphone, or the connected
    /// operator <paramref name="login"/>'s microphone), <paramref name="offerSdp"/> its complete SDP offer. Returns the
    /// media server's SDP answer. A party publishing again replaces its previous leg (a reloaded page, a reconnect).
    /// </summary>
    Task<string> PublishAsync(MediaFeed feed, string? login, string offerSdp);

    /// <summary>
    /// A party wants to receive <paramref name="feed"/>: returns the media server's offer for a new leg, or null while
    /// that side is not (yet) being received, so the party asks again shortly.
    /// </summary>
    Task<MediaLegOffer?> SubscribeAsync(MediaFeed feed, string party);

    /// <summary>The party's SDP answer to the offer of <paramref name="legId"/>: media starts flowing.</summary>
    Task AnswerAsync(string legId, string answerSdp);

    /// <summary>The party leaves a leg (its page closed the call); an unknown leg changes nothing.</summary>
    Task CloseLegAsync(string legId);

    /// <summary>
    /// The conversation is over (closed, abandoned, or the caller hung up): every leg ends and the room is destroyed;
    /// the recording stays. Repeating it changes nothing. The call sends it one way.
    /// </summary>
    [OneWay]
    Task EndAsync(string reason);

    /// <summary>
    /// Reconciliation found the call's room on <paramref name="server"/>: a room the call no longer owns (the call is
    /// over, or its media lives on another server) is destroyed, and media the call's end never reached is ended.
    /// </summary>
    Task ReconcileAsync(string server);

    /// <summary>
    /// The session as it is now, with which sides are being received. Read-only, so it is answered even while a request
    /// waits on the media server (a SIP intercom being called back rings for a few seconds).
    /// </summary>
    [AlwaysInterleave]
    Task<MediaSessionSnapshot> GetAsync();
}
