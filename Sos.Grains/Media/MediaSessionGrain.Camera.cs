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

    private KeptCamera? kept;

    /// <summary>The call's mountpoint: its id on the server (the kiosk's always-on one when the call uses it).</summary>
    private string CameraMount => kept?.MountId ?? $"camera-{Session.Room}";

    /// <summary>The call's mountpoint's secret.</summary>
    private string? CameraSecret => kept is null ? Session.Secret : kept.Secret;

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

        if (await KeptCameraAsync(server) is { } always)
        {
            // The kiosk's always-on camera is mounted on this server: its picture is on the call at once, and recorded from now.
            kept = always;
            logger.LogInformation("Call {CallId}: the always-on camera of kiosk {KioskId} is the call's video on {Server}", CallId, Session.KioskId, server.Url);
            Note($"the kiosk's always-on camera is the call's video (from {clock.GetUtcNow():HH:mm:ss} UTC)");
            await RecordCameraAsync(server);
            cameraOn = server.Url;
            cameraMountedAt = clock.GetUtcNow();
            return true;
        }

        kept = null;

        var create = CameraMounts.Create(servers.AdminKey, CameraMount, $"camera of kiosk {Session.KioskId}, call {CallId}", Session.Secret, source);
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

    /// <summary>The kiosk's always-on camera when it is mounted on <paramref name="server"/>; null otherwise (the call mounts its own).</summary>
    private async Task<KeptCamera?> KeptCameraAsync(JanusClient server)
    {
        if ((await GrainFactory.GetKiosk(Session.KioskId).GetAsync()).Registration is not { Camera.AlwaysOn: true })
        {
            return null;
        }

        var always = await GrainFactory.GetGrain<IKioskCameraGrain>(Session.KioskId).GetAsync();
        return always.Server == server.Url && always.MountId is not null ? always : null;
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
            reply = await StreamingRequestAsync(server, new JsonObject { ["request"] = "info", ["id"] = CameraMount, ["secret"] = CameraSecret });
        }
        catch (JanusException)
        {
            return; // the room's own check says what became of the server
        }

        var now = clock.GetUtcNow();
        var quietFor = CameraMounts.QuietFor(reply, mountedAt, now);
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

    /// <summary>
    /// The kiosk's camera alert, raised or cleared; the call goes on either way. An always-on camera's alert is its own
    /// grain's to raise (it watches the same mountpoint): the call only says it in its timeline.
    /// </summary>
    private async Task TellKioskOfCameraAsync(bool sending, string detail)
    {
        if (kept is not null)
        {
            return;
        }

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

        if (kept is not null)
        {
            // An always-on mountpoint may still record for a call whose silo died: that recording ends here.
            await StopCameraRecordingAsync(server);
        }

        try
        {
            var name = $"camera-{clock.GetUtcNow().ToUnixTimeMilliseconds()}-video";
            await StreamingRequestAsync(server, new JsonObject
            {
                ["request"] = "recording",
                ["action"] = "start",
                ["id"] = CameraMount,
                ["secret"] = CameraSecret,
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
            await StreamingRequestAsync(server, new JsonObject { ["request"] = "info", ["id"] = CameraMount, ["secret"] = CameraSecret });
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

    /// <summary>Ends the recording of the mountpoint the call uses (one that does not record is fine).</summary>
    private async Task StopCameraRecordingAsync(JanusClient server)
    {
        try
        {
            await StreamingRequestAsync(server, new JsonObject { ["request"] = "recording", ["action"] = "stop", ["id"] = CameraMount, ["secret"] = CameraSecret, ["video"] = true });
        }
        catch (JanusException exception)
        {
            logger.LogDebug("Call {CallId}: the camera's recording was not stopped ({Reason})", CallId, exception.Message);
        }
    }

    /// <summary>
    /// Destroys the call's camera mountpoint, if it had one, or ends its recording of the kiosk's always-on one (which
    /// stays); a server that does not answer is left to its restart.
    /// </summary>
    private async Task UnmountCameraAsync(JanusClient server)
    {
        if (hasCamera == false)
        {
            return;
        }

        if (kept is null && cameraOn is null)
        {
            // This activation did not mount it (its silo died): the always-on one, if that is what the call used.
            kept = await KeptCameraAsync(server);
        }

        if (kept is not null)
        {
            await StopCameraRecordingAsync(server);
            return;
        }

        try
        {
            await StreamingRequestAsync(server, new JsonObject { ["request"] = "destroy", ["id"] = CameraMount, ["secret"] = CameraSecret, ["permanent"] = false });
        }
        catch (JanusException exception)
        {
            logger.LogInformation("Call {CallId}: its camera mountpoint on {Server} was not destroyed ({Reason})", CallId, server.Url, exception.Message);
        }
    }

    private Task<JanusReply> StreamingRequestAsync(JanusClient server, JsonObject body) => cameraControl.RequestAsync(server, body);
}
