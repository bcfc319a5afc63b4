using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sos.Grains.Abstractions;
using Sos.Grains.Media.Janus;

namespace Sos.Grains.Media;

/// <summary>
/// One call's media: a private VideoRoom on a Janus server, named by the call id, with a secret only Sos holds and
/// recording on from its first packet. Each party's leg is one Janus handle: a publisher (the caller's camera and
/// microphone; the operator's microphone) or a subscriber (the operator watching the caller; the caller hearing the
/// operator). Handles live in this activation's memory and die with the process's Janus session; the room and the
/// recording are the lasting part and are in the persisted state. While the media is live the grain stays active and
/// checks its room every <see cref="CheckInterval"/>: a room that is gone (its server restarted or stopped answering)
/// is made again, on another server if need be, and the parties' pages re-negotiate their legs.
/// </summary>
public sealed class MediaSessionGrain(
    [PersistentState("media", SosConstants.StateStore)] IPersistentState<MediaSessionSnapshot> state,
    JanusServers servers,
    IOptions<MediaOptions> options,
    [FromKeyedServices(SosConstants.ClockKey)] TimeProvider clock,
    ILogger<MediaSessionGrain> logger) : Grain, IMediaSessionGrain
{
    private const string VideoRoom = "janus.plugin.videoroom";
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, MediaLeg> legs = new(StringComparer.Ordinal);
    private readonly Dictionary<MediaFeed, string> publishers = [];
    private MediaSessionSnapshot? transient;
    private IGrainTimer? checkTimer;
    private (JanusClient Server, JanusHandle Handle)? control;
    private string? lostServer;
    private int operatorVoice;

    private Guid CallId => this.GetPrimaryKey();

    private MediaSessionSnapshot Session => transient ?? (state.RecordExists ? state.State : MediaSessionSnapshot.None(CallId));

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        UpdateCheckTimer();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task OpenAsync(MediaOpening opening)
    {
        if (Session.Exists)
        {
            return;
        }

        var opened = MediaSessionSnapshot.None(CallId) with
        {
            KioskId = opening.KioskId,
            CentreId = opening.CentreId,
            OpenedAt = opening.OpenedAt,
            Room = CallId.ToString("N"),
            Secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
            RecordingDirectory = Path.Combine(EvidenceRoot(), opening.OpenedAt.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), CallId.ToString("N"), "raw"),
        };
        if (!servers.Enabled || servers.All.Count == 0)
        {
            // Nothing to keep: the session says why there is no media, from memory.
            transient = opened with { Status = servers.Enabled ? MediaStatus.Unavailable : MediaStatus.Disabled, Problem = servers.Problem };
            return;
        }

        // The room's secret is written before the room exists, so a room left by a silo that died is still Sos's to destroy.
        await CommitAsync(opened);
        await EnsureRoomAsync();
    }

    /// <inheritdoc />
    public Task<string> PublishAsync(MediaFeed feed, string? login, string offerSdp) => Unavailable(() => PublishLegAsync(feed, login, offerSdp));

    /// <inheritdoc />
    public Task<MediaLegOffer?> SubscribeAsync(MediaFeed feed, string party) => Unavailable(() => SubscribeLegAsync(feed, party));

    /// <inheritdoc />
    public Task AnswerAsync(string legId, string answerSdp) => Unavailable(async () =>
    {
        await AnswerLegAsync(legId, answerSdp);
        return true;
    });

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

        logger.LogInformation("Call {CallId}: {Feed} {Party} publishes on {Server}", CallId, feed, party, server.Url);
        return reply.Answer;
    }

    private async Task<MediaLegOffer?> SubscribeLegAsync(MediaFeed feed, string party)
    {
        await EnsureOpenedAsync();
        RefuseEnded();
        var server = await EnsureRoomAsync() ?? throw new MediaUnavailableException(Session.Problem ?? servers.Problem);
        if ((publishers.GetValueOrDefault(feed) ?? await PublishingFeedAsync(server, feed)) is not { } feedId)
        {
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
            return new MediaLegOffer(leg.Id, attached.Sdp ?? throw new JanusException(0, "Janus sent no SDP offer."));
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

        if (Find() is { } server)
        {
            try
            {
                await server.DetachAsync(leg.Handle);
            }
            catch (JanusException exception)
            {
                logger.LogInformation("Call {CallId}: leg {Leg} could not be detached ({Reason}); it ends with its Janus session", CallId, legId, exception.Message);
            }
        }
    }

    /// <inheritdoc />
    public async Task EndAsync(string reason)
    {
        var session = Session;
        if (!session.Exists || session.Status is MediaStatus.Ended)
        {
            return;
        }

        if (transient is not null)
        {
            // Media never started (off, or no server configured): nothing was written, nothing to keep.
            transient = session with { Status = MediaStatus.Ended, EndedAt = clock.GetUtcNow() };
            return;
        }

        foreach (var legId in legs.Keys.ToList())
        {
            await CloseLegAsync(legId);
        }

        if (Find() is { } server && session.Status == MediaStatus.Live)
        {
            try
            {
                await RoomRequestAsync(server, new JsonObject { ["request"] = "destroy", ["room"] = session.Room, ["secret"] = session.Secret });
            }
            catch (JanusException exception) when (exception.Code != JanusException.NoSuchRoom)
            {
                // Left for the reconciliation after restarts, which destroys rooms no open call owns.
                logger.LogWarning("Call {CallId}: its room on {Server} could not be destroyed: {Reason}", CallId, server.Url, exception.Message);
            }
            catch (JanusException)
            {
                // Gone already.
            }
        }

        var now = clock.GetUtcNow();
        await CommitAsync(session with { Status = MediaStatus.Ended, EndedAt = now, Problem = null });
        if (session.RecordingDirectory is { } directory && session.Rooms > 0)
        {
            // The evidence is made off the call's path, as a durable job of its own.
            GrainFactory.GetEvidence(CallId).PrepareAsync(Path.GetDirectoryName(directory)!, now).Ignore();
        }

        logger.LogInformation("Call {CallId}: media ended ({Reason})", CallId, reason);
    }

    /// <inheritdoc />
    public async Task ReconcileAsync(string server)
    {
        var session = Session;
        var call = await GrainFactory.GetCall(CallId).GetAsync();
        if (session.Status is MediaStatus.Live or MediaStatus.Unavailable or MediaStatus.Pending && session.Exists && !call.IsOpen)
        {
            // The call is over but its end never reached its media (a silo died in between).
            await EndAsync("the call is over (reconciliation)");
            session = Session;
        }

        if (call.IsOpen && session.Server == server && session.Status is MediaStatus.Live or MediaStatus.Unavailable)
        {
            return;
        }

        if (servers.Find(server) is not { } client || session.Secret is null)
        {
            logger.LogWarning("Call {CallId}: a room of it on {Server} is not the call's and cannot be destroyed (unknown server or secret)", CallId, server);
            return;
        }

        try
        {
            await RoomRequestAsync(client, new JsonObject { ["request"] = "destroy", ["room"] = session.Room, ["secret"] = session.Secret });
            logger.LogInformation("Call {CallId}: destroyed its room left on {Server}", CallId, server);
        }
        catch (JanusException exception) when (exception.Code == JanusException.NoSuchRoom)
        {
            // Gone meanwhile.
        }
    }

    /// <inheritdoc />
    public Task<MediaSessionSnapshot> GetAsync() => Task.FromResult(Session with
    {
        CallerLive = publishers.ContainsKey(MediaFeed.Caller),
        OperatorLive = publishers.ContainsKey(MediaFeed.Operator),
        OperatorVoice = operatorVoice,
    });

    /// <summary>
    /// The server that holds the call's room, making the room first where needed (on a server that answers). Null,
    /// with the session saying why, when no server can.
    /// </summary>
    private async Task<JanusClient?> EnsureRoomAsync()
    {
        var session = Session;
        if (session.Status is MediaStatus.Ended or MediaStatus.Disabled || !session.Exists || servers.All.Count == 0)
        {
            return null;
        }

        if (session.Status == MediaStatus.Live && Find() is { Healthy: true } current)
        {
            return current;
        }

        var server = Find() is { } known && await known.CheckAsync(CancellationToken.None) ? known : await servers.PickAsync();
        if (server is null)
        {
            if (session.Status != MediaStatus.Unavailable || session.Problem != servers.Problem)
            {
                await CommitAsync(session with { Status = MediaStatus.Unavailable, Problem = servers.Problem });
                logger.LogWarning("Call {CallId}: no media ({Problem}); the call goes on without it", CallId, servers.Problem);
                Note($"no media: {servers.Problem}");
            }

            return null;
        }

        try
        {
            await CreateRoomAsync(server);
        }
        catch (JanusException exception)
        {
            await CommitAsync(session with { Status = MediaStatus.Unavailable, Problem = $"The media server refused the call's room: {exception.Message}" });
            logger.LogWarning(exception, "Call {CallId}: its room could not be made on {Server}", CallId, server.Url);
            return null;
        }

        var moved = session.Server != server.Url;
        await CommitAsync(session with { Status = MediaStatus.Live, Server = server.Url, Problem = null, Rooms = session.Rooms + (moved ? 1 : 0) });
        if (moved && lostServer is { } lost)
        {
            Note(lost == server.Url ? $"media room made again on {server.Url} after it restarted" : $"media moved to {server.Url}: {lost} stopped answering");
            lostServer = null;
        }

        UpdateCheckTimer();
        logger.LogInformation("Call {CallId}: room {Room} on {Server}, recording to {Directory}", CallId, session.Room, server.Url, session.RecordingDirectory);
        return server;
    }

    private async Task CreateRoomAsync(JanusClient server)
    {
        var session = Session;
        if (session.RecordingDirectory is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        try
        {
            await RoomRequestAsync(server, new JsonObject
            {
                ["request"] = "create",
                ["admin_key"] = servers.AdminKey,
                ["room"] = session.Room,
                ["description"] = $"call {CallId} at kiosk {session.KioskId}",
                ["secret"] = session.Secret,
                ["is_private"] = true,
                ["publishers"] = 4,
                ["audiocodec"] = "opus",
                ["videocodec"] = "vp8",
                ["record"] = true,
                ["lock_record"] = true,
                ["rec_dir"] = session.RecordingDirectory,
                ["permanent"] = false,
            });
        }
        catch (JanusException exception) when (exception.Code == JanusException.RoomExists)
        {
            // Made before (this call's earlier activation): it is the call's.
        }
    }

    /// <summary>Runs a request against the room; when the room is gone (its server restarted), makes it again once.</summary>
    private async Task<T> WithRoomAsync<T>(JanusClient server, Func<JanusClient, Task<T>> request)
    {
        try
        {
            return await request(server);
        }
        catch (JanusException exception) when (exception.Code == JanusException.NoSuchRoom)
        {
            logger.LogWarning("Call {CallId}: its room was gone from {Server}; making it again", CallId, server.Url);
            publishers.Clear();
            legs.Clear();
            await CreateRoomAsync(server);
            return await request(server);
        }
    }

    private async Task<JanusReply> RoomRequestAsync(JanusClient server, JsonObject body)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (control is not { } held || held.Server != server)
            {
                held = (server, await server.AttachAsync(VideoRoom));
                control = held;
            }

            try
            {
                return await server.MessageAsync(held.Handle, body);
            }
            catch (JanusException exception) when (attempt == 0 && exception.Code is JanusException.NoSuchHandle or JanusException.NoSuchSession)
            {
                control = null;
            }
        }
    }

    /// <summary>While the media is live the grain stays active and checks its room; otherwise it has nothing to watch.</summary>
    private void UpdateCheckTimer()
    {
        var live = Session.Status is MediaStatus.Live or MediaStatus.Unavailable && Session.Exists;
        if (live && checkTimer is null)
        {
            checkTimer = this.RegisterGrainTimer(static (grain, _) => grain.CheckRoomAsync(), this,
                new GrainTimerCreationOptions { DueTime = CheckInterval, Period = CheckInterval, KeepAlive = true });
        }
        else if (!live && checkTimer is not null)
        {
            checkTimer.Dispose();
            checkTimer = null;
        }
    }

    private async Task CheckRoomAsync()
    {
        try
        {
            var session = Session;
            if (session.Status == MediaStatus.Live && Find() is { } server && await RoomGoneAsync(server) is { } problem)
            {
                // The server stopped answering or lost the room (it restarted): the legs are gone; the room is made
                // again (on another server if this one does not answer), and the pages publish and watch again.
                logger.LogWarning("Call {CallId}: {Problem}; making its room again", CallId, problem);
                publishers.Clear();
                legs.Clear();
                control = null;
                lostServer = server.Url;
                await CommitAsync(session with { Status = MediaStatus.Unavailable, Server = null, Problem = problem });
            }

            if (Session.Status == MediaStatus.Unavailable)
            {
                await EnsureRoomAsync();
            }

            UpdateCheckTimer();
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Call {CallId}: media check failed; it tries again", CallId);
        }
    }

    /// <summary>
    /// A side that publishes in the room although this activation did not see it publish (the grain's silo died, the
    /// party's connection lived on): found by its display name in the room's participants.
    /// </summary>
    private async Task<string?> PublishingFeedAsync(JanusClient server, MediaFeed feed)
    {
        try
        {
            var reply = await RoomRequestAsync(server, new JsonObject { ["request"] = "listparticipants", ["room"] = Session.Room });
            return (reply.Data["participants"] as JsonArray ?? [])
                .OfType<JsonObject>()
                .Where(p => p["publisher"]?.GetValue<bool>() == true && ((string?)p["display"])?.StartsWith($"{feed}:", StringComparison.Ordinal) == true)
                .Select(p => p["id"]?.ToString())
                .LastOrDefault();
        }
        catch (JanusException exception) when (exception.Code == JanusException.NoSuchRoom)
        {
            return null;
        }
    }

    /// <summary>Why the call's room on <paramref name="server"/> can no longer carry its media, or null while it can.</summary>
    private async Task<string?> RoomGoneAsync(JanusClient server)
    {
        try
        {
            var reply = await RoomRequestAsync(server, new JsonObject { ["request"] = "exists", ["room"] = Session.Room });
            return reply.Data["exists"]?.GetValue<bool>() == false ? $"The call's room was gone from the media server {server.Url} (it restarted); reconnecting." : null;
        }
        catch (JanusException exception) when (exception.ServerLost)
        {
            return $"The media server {server.Url} stopped answering; reconnecting.";
        }
    }

    /// <summary>A media server's refusal or silence reaches the party as "media unavailable": the call itself goes on.</summary>
    private async Task<T> Unavailable<T>(Func<Task<T>> request)
    {
        try
        {
            return await request();
        }
        catch (JanusException exception)
        {
            logger.LogWarning("Call {CallId}: the media server failed a request: {Reason}", CallId, exception.Message);
            throw new MediaUnavailableException($"The media server failed: {exception.Message}");
        }
    }

    private JanusClient? Find() => servers.Find(Session.Server);

    /// <summary>A party came before the call's one-way word that it opened (or that word was lost): open from the call.</summary>
    private async Task EnsureOpenedAsync()
    {
        if (!Session.Exists && await GrainFactory.GetCall(CallId).GetAsync() is { Exists: true } call)
        {
            await OpenAsync(new MediaOpening(call.KioskId, call.CentreId, call.OpenedAt));
        }
    }

    /// <summary>Puts a media step into the call's timeline, one way: the call's record says what its media went through.</summary>
    private void Note(string detail) => GrainFactory.GetCall(CallId).NoteMediaAsync(CallEventKind.Media, detail).Ignore();

    private async Task CommitAsync(MediaSessionSnapshot next)
    {
        transient = null;
        state.State = next;
        await state.WriteStateAsync();
        UpdateCheckTimer();
    }

    private async Task RefuseUnlessOnCallAsync(MediaFeed feed, string? login)
    {
        RefuseEnded();
        if (feed == MediaFeed.Operator)
        {
            var call = await GrainFactory.GetCall(CallId).GetAsync();
            if (login is null || call.ConnectedOperator != login || call.Status != CallStatus.Connected)
            {
                throw new MediaRefusedException("not-on-call", $"{login} is not the operator connected to call {CallId}.");
            }
        }
    }

    private void RefuseEnded()
    {
        if (!Session.Exists)
        {
            throw new UnknownCallException(CallId, "has no media session");
        }

        if (Session.Status == MediaStatus.Ended)
        {
            throw new MediaRefusedException("call-ended", $"Call {CallId} has ended; its media is over.");
        }
    }

    private static void RefuseInvalid(string sdp)
    {
        if (!MediaSdp.IsValid(sdp))
        {
            throw new MediaRefusedException("sdp-invalid", "The SDP must be a complete session description (\"v=0\" first, at least one \"m=\" line).");
        }
    }

    private string EvidenceRoot() =>
        Path.GetFullPath(options.Value.EvidenceDirectory is { Length: > 0 } directory ? directory : Path.Combine("data", "evidence"));

    /// <summary>One party's leg: its Janus handle, which side it carries, and whether it publishes or receives.</summary>
    private sealed record MediaLeg(string Id, JanusHandle Handle, MediaFeed Feed, string Party, bool Publishes);
}
