namespace Sos.Grains.Abstractions;

/// <summary>A receiving leg the media server offers: answer it with <see cref="IMediaSessionGrain.AnswerAsync"/>.</summary>
/// <param name="LegId">The leg, to answer and to close.</param>
/// <param name="Sdp">The media server's SDP offer (all candidates included: no trickle).</param>
/// <param name="CallerFeeds">The caller's publishing it receives (<see cref="MediaSessionSnapshot.CallerFeeds"/>): when that changes, ask again.</param>
[GenerateSerializer, Immutable, Alias("Sos.MediaLegOffer")]
public sealed record MediaLegOffer([property: Id(0)] string LegId, [property: Id(1)] string Sdp, [property: Id(2)] int CallerFeeds = 0);
