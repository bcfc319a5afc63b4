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
public sealed partial class MediaSessionGrain(
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
    private readonly JanusControlHandle roomControl = new(VideoRoom);
    private string? lostServer;
    private int operatorVoice;
    private int callerFeeds;

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
            await UnmountCameraAsync(server);
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
            if (!session.KioskId.StartsWith("citizen-", StringComparison.Ordinal))
            {
                // Its camera's mountpoint (or its recording of the kiosk's always-on one) was left with the room.
                hasCamera ??= await GrainFactory.GetKiosk(session.KioskId).CameraSourceAsync() is not null;
                await UnmountCameraAsync(client);
            }
        }
        catch (JanusException exception) when (exception.Code == JanusException.NoSuchRoom)
        {
            // Gone meanwhile.
        }
    }

    /// <inheritdoc />
    public async Task<MediaSessionSnapshot> GetAsync()
    {
        var sip = Session.Exists && Session.Status != MediaStatus.Ended ? await StationAsync() : station;
        return Session with
        {
            CallerLive = publishers.ContainsKey(MediaFeed.Caller),
            OperatorLive = publishers.ContainsKey(MediaFeed.Operator),
            OperatorVoice = operatorVoice,
            CallerFeeds = callerFeeds,
            StationCall = sip is not null,
            StationLive = publishers.TryGetValue(MediaFeed.Operator, out var voice) && legs.TryGetValue(voice, out var leg) && leg.Station,
        };
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

    private string EvidenceRoot() => options.Value.EvidenceRoot;
}
