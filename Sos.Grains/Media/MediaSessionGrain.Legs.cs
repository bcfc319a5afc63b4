using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Sos.Grains.Abstractions;
using Sos.Grains.Media.Janus;

namespace Sos.Grains.Media;

/// <summary>The parties' legs: publishing a side, receiving one, answering Janus' offer, closing a leg.</summary>
public sealed partial class MediaSessionGrain
{
    private async Task<string> PublishLegAsync(MediaFeed feed, string? login, string offerSdp)
    {
        RefuseInvalid(offerSdp);
        await EnsureOpenedAsync();
        await RefuseUnlessOnCallAsync(feed, login);
        var server = await EnsureRoomAsync() ?? throw new MediaUnavailableException(Session.Problem ?? servers.Problem);
        if (publishers.TryGetValue(feed, out var previous))
        {
            await CloseLegAsync(previous);
        }

        if (feed == MediaFeed.Operator && await StationAsync() is { } sip)
        {
            // A SIP intercom: the operator's voice goes to the station, and the station's comes back on the same leg.
            return await CallStationAsync(server, sip, login!, offerSdp);
        }

        var party = feed == MediaFeed.Caller ? Session.KioskId : login!;
        var reply = await WithRoomAsync(server, async s =>
        {
            var handle = await s.AttachAsync(VideoRoom);
            var feedId = $"{feed.ToString().ToLowerInvariant()}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant()}";
            try
            {
                var joined = await s.MessageAsync(handle, new JsonObject
                {
                    ["request"] = "joinandconfigure",
                    ["ptype"] = "publisher",
                    ["room"] = Session.Room,
                    ["id"] = feedId,
                    ["display"] = $"{feed}:{party}",
                }, "offer", offerSdp);
                return (Handle: handle, FeedId: feedId, Answer: joined.Sdp ?? throw new JanusException(0, "Janus sent no SDP answer."));
            }
            catch
            {
                await s.DetachAsync(handle);
                throw;
            }
        });

        var leg = new MediaLeg(reply.FeedId, reply.Handle, feed, party, Publishes: true);
        legs[leg.Id] = leg;
        publishers[feed] = leg.Id;
        if (feed == MediaFeed.Operator)
        {
            operatorVoice++;
        }
        else
        {
            callerFeeds++;
        }

        logger.LogInformation("Call {CallId}: {Feed} {Party} publishes on {Server}", CallId, feed, party, server.Url);
        return reply.Answer;
    }

    private async Task<MediaLegOffer?> SubscribeLegAsync(MediaFeed feed, string party)
    {
        await EnsureOpenedAsync();
        RefuseEnded();
        var server = await EnsureRoomAsync() ?? throw new MediaUnavailableException(Session.Problem ?? servers.Problem);
        if (feed == MediaFeed.Caller && await WatchCameraAsync(server, party) is { } camera)
        {
            // The kiosk's RTSP camera is the call's video (a SIP intercom's).
            return camera;
        }

        if ((publishers.GetValueOrDefault(feed) ?? await PublishingFeedAsync(server, feed)) is not { } feedId)
        {
            return null;
        }

        if (legs.TryGetValue(feedId, out var publisher) && publisher.Station)
        {
            // The operator talks with a SIP intercom on a leg of its own, not in the room: nothing of it to join.
            return null;
        }

        var handle = await server.AttachAsync(VideoRoom);
        try
        {
            var attached = await server.MessageAsync(handle, new JsonObject
            {
                ["request"] = "join",
                ["ptype"] = "subscriber",
                ["room"] = Session.Room,
                ["streams"] = new JsonArray(new JsonObject { ["feed"] = feedId }),
            });
            var leg = new MediaLeg($"leg-{Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant()}", handle, feed, party, Publishes: false);
            legs[leg.Id] = leg;
            return new MediaLegOffer(leg.Id, attached.Sdp ?? throw new JanusException(0, "Janus sent no SDP offer."), callerFeeds);
        }
        catch (JanusException exception) when (exception.Code is JanusException.NoSuchFeed or JanusException.NoSuchRoom)
        {
            // The publisher is not up yet (its connection is still being made), or just left: ask again shortly.
            await server.DetachAsync(handle);
            return null;
        }
        catch
        {
            await server.DetachAsync(handle);
            throw;
        }
    }

    private async Task AnswerLegAsync(string legId, string answerSdp)
    {
        RefuseInvalid(answerSdp);

        // An answer may come before the call's one-way word that it opened: the session opens from the call first, so
        // a leg nobody offered is refused as that (leg-unknown), not as a call without media.
        await EnsureOpenedAsync();
        RefuseEnded();
        if (!legs.TryGetValue(legId, out var leg) || leg.Publishes || Find() is not { } server)
        {
            throw new MediaRefusedException("leg-unknown", $"Leg {legId} is not an open leg of call {CallId}: ask for a new one.");
        }

        await server.MessageAsync(leg.Handle, new JsonObject { ["request"] = "start" }, "answer", answerSdp);
    }

    /// <inheritdoc />
    public async Task CloseLegAsync(string legId)
    {
        if (!legs.Remove(legId, out var leg))
        {
            return;
        }

        if (publishers.TryGetValue(leg.Feed, out var current) && current == legId)
        {
            publishers.Remove(leg.Feed);
        }

        if (Find() is not { } server)
        {
            return;
        }

        if (leg.Station)
        {
            // The station's call ends with a BYE (its recording closes with it).
            await HangUpAsync(server, leg.Handle);
            return;
        }

        try
        {
            await server.DetachAsync(leg.Handle);
        }
        catch (JanusException exception)
        {
            logger.LogInformation("Call {CallId}: leg {Leg} could not be detached ({Reason}); it ends with its Janus session", CallId, legId, exception.Message);
        }
    }

    /// <summary>One party's leg: its Janus handle, which side it carries, and whether it publishes or receives.</summary>
    private sealed record MediaLeg(string Id, JanusHandle Handle, MediaFeed Feed, string Party, bool Publishes, bool Station = false);
}
