using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Sos.Grains.Abstractions;
using Sos.Grains.Media.Janus;

namespace Sos.Grains.Media;

/// <summary>The call's room on its server: made once with its secret, checked while live, made again when lost.</summary>
public sealed partial class MediaSessionGrain
{
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

        if (session.Server is { } previous && previous != server.Url)
        {
            // Moved by a party's request before the room's own check saw its server go: the old server's legs are gone.
            ForgetLegs();
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

        // A camera kiosk's picture is there before anyone answers, as a browser kiosk's is.
        await MountCameraAsync(server);

        var moved = session.Server != server.Url;
        await CommitAsync(session with { Status = MediaStatus.Live, Server = server.Url, Problem = null, Rooms = session.Rooms + (moved ? 1 : 0) });
        if (moved && (lostServer ?? session.Server) is { } lost)
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
            ForgetLegs();
            await CreateRoomAsync(server);
            return await request(server);
        }
    }

    /// <summary>The legs lived on a server that lost them (it restarted or stopped answering): the parties make them again.</summary>
    private void ForgetLegs()
    {
        publishers.Clear();
        cameraOn = null;
        legs.Clear();
    }

    private Task<JanusReply> RoomRequestAsync(JanusClient server, JsonObject body) => roomControl.RequestAsync(server, body);

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
                ForgetLegs();
                roomControl.Forget();
                cameraControl.Forget();
                lostServer = server.Url;
                await CommitAsync(session with { Status = MediaStatus.Unavailable, Server = null, Problem = problem });
            }

            if (Session.Status == MediaStatus.Unavailable)
            {
                await EnsureRoomAsync();
            }
            else if (Session.Status == MediaStatus.Live && Find() is { } live)
            {
                await WatchCameraPicturesAsync(live);
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

}
