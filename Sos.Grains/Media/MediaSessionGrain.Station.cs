using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Sos.Grains.Abstractions;
using Sos.Grains.Media.Janus;

namespace Sos.Grains.Media;

/// <summary>
/// A SIP intercom's voice (issue 17): the connected operator's microphone leg is a call from Janus' SIP plugin to the
/// station (which answers a call-back by itself), so the operator hears the station on the same connection that
/// carries their voice. Sos signals everything; the browser only makes its offer. Both voices are recorded by the SIP
/// plugin into the call's raw recordings; a hang-up by either side ends the leg and is said in the timeline.
/// </summary>
public sealed partial class MediaSessionGrain
{
    private const string Sip = "janus.plugin.sip";

    private SipStation? station;
    private bool stationKnown;

    /// <summary>The kiosk's SIP station, when the kiosk is a SIP intercom (asked once per activation).</summary>
    private async Task<SipStation?> StationAsync()
    {
        if (!stationKnown && !Session.KioskId.StartsWith("citizen-", StringComparison.Ordinal))
        {
            var registration = (await GrainFactory.GetKiosk(Session.KioskId).GetAsync()).Registration;
            station = registration is { MediaKind: KioskMediaKind.SipIntercom, Sip: { } sip } ? sip : null;
        }

        stationKnown = true;
        return station;
    }

    /// <summary>
    /// Calls <paramref name="sip"/> with the operator's offer (its audio narrowed to the station's codecs, in its order)
    /// and returns the station's answer once it answers; records both voices. A station that refuses or does not answer
    /// within <see cref="MediaOptions.StationAnswerTimeout"/> is said in the timeline and refused as station-no-answer.
    /// </summary>
    private async Task<string> CallStationAsync(JanusClient server, SipStation sip, string login, string offerSdp)
    {
        var target = await StationTargetAsync(sip);
        var handle = await server.AttachAsync(Sip);
        var events = server.Events(handle);
        var legId = $"station-{Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant()}";
        string answer;
        try
        {
            await server.MessageAsync(handle, new JsonObject
            {
                ["request"] = "register",
                ["type"] = "guest",
                ["username"] = options.Value.SipIdentity,
                ["display_name"] = "Sos",
            });
            await server.MessageAsync(handle, new JsonObject
            {
                ["request"] = "call",
                ["uri"] = target,
                ["autoaccept_reinvites"] = true,
            }, "offer", MediaSdp.PreferAudio(offerSdp, sip.Codecs));
            answer = await StationAnswerAsync(events, sip);
        }
        catch (Exception exception)
        {
            await HangUpAsync(server, handle);
            if (exception is MediaRefusedException { Reason: "station-no-answer" })
            {
                await TellKioskAsync(answered: false, $"the station did not answer the call-back of call {CallId}: {exception.Message}");
            }

            throw;
        }

        await TellKioskAsync(answered: true, $"the station answered the call-back of call {CallId}");

        var leg = new MediaLeg(legId, handle, MediaFeed.Operator, login, Publishes: true, Station: true);
        legs[leg.Id] = leg;
        publishers[MediaFeed.Operator] = leg.Id;
        operatorVoice++;
        // With the time: the timeline keeps one of each step, and a station called again is a step of its own.
        Note($"{login} is talking with the station {sip.Uri} (from {clock.GetUtcNow():HH:mm:ss} UTC)");
        logger.LogInformation("Call {CallId}: {Login} is connected to the station {Station} (called at {Target}) on {Server}", CallId, login, sip.Uri, target, server.Url);
        await RecordStationAsync(server, handle);
        _ = FollowStationAsync(leg, events, sip);
        return answer;
    }

    /// <summary>
    /// Where the station is called: its address, or for one that registers where it registered from (the SIP server's
    /// location table, read now). One that is not registered is not called: said in the timeline and refused as
    /// station-no-answer, like a station that does not answer.
    /// </summary>
    private async Task<string> StationTargetAsync(SipStation sip)
    {
        if (!sip.Registers)
        {
            return sip.Uri;
        }

        if (await GrainFactory.GetGrain<IStationSupervisorGrain>(0).ContactOfAsync(Session.KioskId) is { } contact)
        {
            return contact;
        }

        Note($"the station {sip.Uri} is not registered, so it could not be called at {clock.GetUtcNow():HH:mm:ss} UTC");
        var refused = new MediaRefusedException("station-no-answer", $"The station {sip.Uri} is not registered with the SIP server.");
        await TellKioskAsync(answered: false, $"the station did not answer the call-back of call {CallId}: {refused.Message}");
        throw refused;
    }

    /// <summary>The kiosk's alert for a station that does not answer its call-backs, raised or cleared; the call goes on either way.</summary>
    private async Task TellKioskAsync(bool answered, string detail)
    {
        try
        {
            await GrainFactory.GetKiosk(Session.KioskId).StationCalledBackAsync(answered, detail);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Call {CallId}: the kiosk was not told how its station took the call-back", CallId);
        }
    }

    /// <summary>The station's SDP answer, or a refusal (it declined, hung up or did not answer in time).</summary>
    private async Task<string> StationAnswerAsync(ChannelReader<JsonObject> events, SipStation sip)
    {
        using var timed = new CancellationTokenSource(options.Value.StationAnswerTimeout);
        try
        {
            while (await events.WaitToReadAsync(timed.Token))
            {
                while (events.TryRead(out var message))
                {
                    var reply = JanusClient.PluginReply(message);
                    var result = reply.Data["result"] as JsonObject;
                    switch ((string?)result?["event"] ?? (string?)message["janus"])
                    {
                        case "accepted" when reply.Sdp is { } sdp:
                            return sdp;
                        case "hangup":
                            var why = $"{(int?)result?["code"]} {(string?)result?["reason"]}".Trim();
                            Note($"the station {sip.Uri} did not take the call at {clock.GetUtcNow():HH:mm:ss} UTC: {why}");
                            throw new MediaRefusedException("station-no-answer", $"The station {sip.Uri} did not take the call ({why}).");
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            Note($"the station {sip.Uri} did not answer within {options.Value.StationAnswerTimeout.TotalSeconds:0} s (called at {clock.GetUtcNow() - options.Value.StationAnswerTimeout:HH:mm:ss} UTC)");
            throw new MediaRefusedException("station-no-answer", $"The station {sip.Uri} did not answer within {options.Value.StationAnswerTimeout.TotalSeconds:0} s.");
        }
        catch (JanusException exception)
        {
            Note($"the station {sip.Uri} could not be called: {exception.Message}");
            throw new MediaRefusedException("station-no-answer", $"The station {sip.Uri} could not be called: {exception.Message}");
        }

        throw new JanusException(JanusException.NoSuchSession, "The media server's session was lost while the station was called.");
    }

    /// <summary>
    /// Both voices into the call's raw recordings (the operator's as the SIP plugin's user, the station's as its peer),
    /// one pair of files per connection. A call that cannot record is said in the timeline; the conversation goes on.
    /// </summary>
    private async Task RecordStationAsync(JanusClient server, JanusHandle handle)
    {
        if (Session.RecordingDirectory is not { } directory)
        {
            return;
        }

        try
        {
            await server.MessageAsync(handle, new JsonObject
            {
                ["request"] = "recording",
                ["action"] = "start",
                ["audio"] = true,
                ["peer_audio"] = true,
                ["filename"] = Path.Combine(directory, $"sip-{clock.GetUtcNow().ToUnixTimeMilliseconds()}"),
            });
        }
        catch (JanusException exception)
        {
            logger.LogWarning("Call {CallId}: the station's conversation is not recorded: {Reason}", CallId, exception.Message);
            Note($"the conversation with the station is not recorded: {exception.Message}");
        }
    }

    /// <summary>Follows the station's connection: when the station hangs up, its leg ends and the timeline says so.</summary>
    private async Task FollowStationAsync(MediaLeg leg, ChannelReader<JsonObject> events, SipStation sip)
    {
        try
        {
            await foreach (var message in events.ReadAllAsync())
            {
                if ((string?)(message["plugindata"]?["data"]?["result"]?["event"]) != "hangup" || !legs.ContainsKey(leg.Id))
                {
                    continue;
                }

                var result = message["plugindata"]?["data"]?["result"];
                Note($"the station {sip.Uri} hung up ({$"{(int?)result?["code"]} {(string?)result?["reason"]}".Trim()}) at {clock.GetUtcNow():HH:mm:ss} UTC");
                logger.LogInformation("Call {CallId}: the station {Station} hung up", CallId, sip.Uri);
                await CloseLegAsync(leg.Id);
                return;
            }
        }
        catch (Exception exception) when (exception is JanusException or InvalidOperationException)
        {
            logger.LogInformation("Call {CallId}: the station's connection is no longer followed: {Reason}", CallId, exception.Message);
        }
    }

    /// <summary>Ends a station's call (a SIP BYE, or CANCEL while it rings) before its handle goes.</summary>
    private static async Task HangUpAsync(JanusClient server, JanusHandle handle)
    {
        try
        {
            await server.MessageAsync(handle, new JsonObject { ["request"] = "hangup" });
        }
        catch (JanusException)
        {
            // Not in a call any more (the station hung up first), or the server is gone.
        }

        try
        {
            await server.DetachAsync(handle);
        }
        catch (JanusException)
        {
            // The handle ends with its Janus session.
        }
    }
}
