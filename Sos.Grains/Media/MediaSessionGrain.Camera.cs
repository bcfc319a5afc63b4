using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Sos.Grains.Abstractions;
using Sos.Grains.Media.Janus;

namespace Sos.Grains.Media;

/// <summary>
/// A kiosk's RTSP camera as the call's video (issue 17): a private Streaming mountpoint on the room's server, named by
/// the call, made with the room and destroyed with it; the console watches it as it would the kiosk's own camera.
/// The camera's user and password go from the kiosk grain to the media server and nowhere else.
/// </summary>
public sealed partial class MediaSessionGrain
{
    private const string Streaming = "janus.plugin.streaming";

    private readonly JanusControlHandle cameraControl = new(Streaming);
    private bool? hasCamera;
    private string? cameraOn;
    private bool cameraProblemSaid;
    private DateTimeOffset? cameraMountedAt;
    private bool? cameraSilent;

    /// <summary>The call's mountpoint: its id on the server.</summary>
    private string CameraMount => $"camera-{Session.Room}";

    /// <summary>
    /// Mounts the kiosk's camera on <paramref name="server"/> when it has one (again after the room was made again);
    /// true when the call's video is that camera. A camera that cannot be mounted is said in the call's timeline and the
    /// call goes on.
    /// </summary>
    private async Task<bool> MountCameraAsync(JanusClient server)
    {
        if (hasCamera == false || Session.KioskId.StartsWith("citizen-", StringComparison.Ordinal))
        {
            hasCamera = false;
            return false;
        }

        if (cameraOn == server.Url)
        {
            return true;
        }

        var source = await GrainFactory.GetKiosk(Session.KioskId).CameraSourceAsync();
        hasCamera = source is not null;
        if (source is null)
        {
            return false;
        }

        var create = new JsonObject
        {
            ["request"] = "create",
            ["admin_key"] = servers.AdminKey,
            ["type"] = "rtsp",
            ["id"] = CameraMount,
            ["description"] = $"camera of kiosk {Session.KioskId}, call {CallId}",
            ["is_private"] = true,
            ["secret"] = Session.Secret,
            ["url"] = source.RtspUrl,
            ["video"] = true,
            ["audio"] = false,
            // Made once the camera answers (so its recording can start at once); a camera that does not is tried again
            // at the next look at the call's video.
            ["rtsp_failcheck"] = true,
            ["rtsp_conn_timeout"] = 3,
            ["permanent"] = false,
        };
        if (source.Credentials is { } credentials)
        {
            create["rtsp_user"] = credentials.Username;
            create["rtsp_pwd"] = credentials.Password;
        }

        try
        {
            await StreamingRequestAsync(server, create);
            logger.LogInformation("Call {CallId}: the camera of kiosk {KioskId} is mounted on {Server}", CallId, Session.KioskId, server.Url);
            await RecordCameraAsync(server);
        }
        catch (JanusException exception)
        {
            // Mounted before (by this call's earlier activation) it is the call's; otherwise the call goes on without it.
            if (!await CameraMountedAsync(server))
            {
                // Said once a call (the console looks again every few seconds, and each look tries again).
                if (!cameraProblemSaid)
                {
                    cameraProblemSaid = true;
                    logger.LogWarning("Call {CallId}: the camera of kiosk {KioskId} could not be mounted on {Server}: {Reason}", CallId, Session.KioskId, server.Url, exception.Message);
                    Note($"the kiosk's camera could not be mounted: {exception.Message}");
                    await TellKioskOfCameraAsync(sending: false, $"the camera could not be mounted for call {CallId}: {exception.Message}");
                }

                return false;
            }
        }

        cameraOn = server.Url;
        cameraMountedAt = clock.GetUtcNow();
        return true;
    }

    /// <summary>
    /// Whether the kiosk's camera still sends pictures (the mountpoint's <c>age_ms</c>, at every check of the room): none
    /// for <see cref="MediaOptions.CameraSilentAfter"/> is a kiosk fault, said in the timeline and raised on the kiosk;
    /// pictures again clear it (a camera that sends at its first look clears one an earlier call left raised).
    /// </summary>
    private async Task WatchCameraPicturesAsync(JanusClient server)
    {
        if (cameraOn != server.Url || cameraMountedAt is not { } mountedAt)
        {
            return;
        }

        JanusReply reply;
        try
        {
            reply = await StreamingRequestAsync(server, new JsonObject { ["request"] = "info", ["id"] = CameraMount, ["secret"] = Session.Secret });
        }
        catch (JanusException)
        {
            return; // the room's own check says what became of the server
        }

        var now = clock.GetUtcNow();
        var video = (reply.Data["info"]?["media"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(m => (string?)m["type"] == "video");
        var quietFor = video?["age_ms"] is JsonValue age && age.TryGetValue<long>(out var milliseconds) ? TimeSpan.FromMilliseconds(milliseconds) : now - mountedAt;
        var silent = quietFor >= options.Value.CameraSilentAfter;
        if (silent == cameraSilent)
        {
            return;
        }

        var first = cameraSilent is null;
        cameraSilent = silent;
        if (silent)
        {
            var detail = $"the kiosk's camera has sent no picture for {quietFor.TotalSeconds:0} s (call {CallId}, since {now - quietFor:HH:mm:ss} UTC)";
            logger.LogWarning("Call {CallId}: {Detail}", CallId, detail);
            Note(detail);
            await TellKioskOfCameraAsync(sending: false, detail);
        }
        else
        {
            var detail = $"the kiosk's camera sends pictures again (call {CallId}, at {now:HH:mm:ss} UTC)";
            if (!first)
            {
                logger.LogInformation("Call {CallId}: {Detail}", CallId, detail);
                Note(detail);
            }

            await TellKioskOfCameraAsync(sending: true, detail);
        }
    }

    /// <summary>The kiosk's camera alert, raised or cleared; the call goes on either way.</summary>
    private async Task TellKioskOfCameraAsync(bool sending, string detail)
    {
        try
        {
            await GrainFactory.GetKiosk(Session.KioskId).CameraWatchedAsync(sending, detail);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Call {CallId}: the kiosk was not told what its camera sends", CallId);
        }
    }

    /// <summary>
    /// Records the camera into the call's raw recordings from its mounting on (one file per mounting, so a camera
    /// mounted again after its server was lost never writes over the first). A camera that cannot record is said in the
    /// timeline; its picture is still shown.
    /// </summary>
    private async Task RecordCameraAsync(JanusClient server)
    {
        if (Session.RecordingDirectory is not { } directory)
        {
            return;
        }

        try
        {
            var name = $"camera-{clock.GetUtcNow().ToUnixTimeMilliseconds()}-video";
            await StreamingRequestAsync(server, new JsonObject
            {
                ["request"] = "recording",
                ["action"] = "start",
                ["id"] = CameraMount,
                ["secret"] = Session.Secret,
                ["video"] = Path.Combine(directory, name),
            });
        }
        catch (JanusException exception)
        {
            logger.LogWarning("Call {CallId}: the kiosk's camera is not recorded: {Reason}", CallId, exception.Message);
            Note($"the kiosk's camera is not recorded: {exception.Message}");
        }
    }

    /// <summary>Whether the call's camera mountpoint is on <paramref name="server"/>.</summary>
    private async Task<bool> CameraMountedAsync(JanusClient server)
    {
        try
        {
            await StreamingRequestAsync(server, new JsonObject { ["request"] = "info", ["id"] = CameraMount, ["secret"] = Session.Secret });
            return true;
        }
        catch (JanusException)
        {
            return false;
        }
    }

    /// <summary>A leg that watches the kiosk's camera: Janus' offer of the mountpoint's video, answered like a subscriber's.</summary>
    private async Task<MediaLegOffer?> WatchCameraAsync(JanusClient server, string party)
    {
        if (!await MountCameraAsync(server))
        {
            return null;
        }

        var handle = await server.AttachAsync(Streaming);
        try
        {
            var watching = await server.MessageAsync(handle, new JsonObject { ["request"] = "watch", ["id"] = CameraMount });
            var leg = new MediaLeg($"leg-{Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant()}", handle, MediaFeed.Caller, party, Publishes: false);
            legs[leg.Id] = leg;
            return new MediaLegOffer(leg.Id, watching.Sdp ?? throw new JanusException(0, "Janus sent no SDP offer for the camera."));
        }
        catch
        {
            await server.DetachAsync(handle);
            throw;
        }
    }

    /// <summary>Destroys the call's camera mountpoint, if it had one; a server that does not answer is left to its restart.</summary>
    private async Task UnmountCameraAsync(JanusClient server)
    {
        if (hasCamera == false)
        {
            return;
        }

        try
        {
            await StreamingRequestAsync(server, new JsonObject { ["request"] = "destroy", ["id"] = CameraMount, ["secret"] = Session.Secret, ["permanent"] = false });
        }
        catch (JanusException exception)
        {
            logger.LogInformation("Call {CallId}: its camera mountpoint on {Server} was not destroyed ({Reason})", CallId, server.Url, exception.Message);
        }
    }

    private Task<JanusReply> StreamingRequestAsync(JanusClient server, JsonObject body) => cameraControl.RequestAsync(server, body);
}
