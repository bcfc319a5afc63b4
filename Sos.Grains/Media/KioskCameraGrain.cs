using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sos.Grains.Abstractions;
using Sos.Grains.Media.Janus;

namespace Sos.Grains.Media;

/// <summary>An always-on camera's lasting part: where its mountpoint was made, with which secret (so a new activation finds it again, or destroys it).</summary>
/// <param name="Server">The media server it was mounted on; null while it is not.</param>
/// <param name="Secret">The mountpoint's secret.</param>
/// <param name="Source">A hash of the stream and credentials it was made with (another stream or password: made again).</param>
[GenerateSerializer, Immutable, Alias("Sos.KioskCameraState")]
public sealed record KioskCameraState(
    [property: Id(0)] string? Server,
    [property: Id(1)] string? Secret,
    [property: Id(2)] string? Source = null);

/// <summary>
/// Keeps a kiosk's always-on camera mounted (mountpoint <c>camera-kiosk-{id}</c>, on the media server that answers,
/// made again when that server restarts or stops answering) and looks at it every <see cref="CheckInterval"/>: no
/// picture for <see cref="MediaOptions.CameraSilentAfter"/> is the kiosk's "camera sends no pictures" alert, pictures
/// again clear it. A call on the same server watches and records this mountpoint instead of making its own. A reminder
/// wakes it again after its silo was lost.
/// </summary>
public sealed class KioskCameraGrain(
    [PersistentState("camera", SosConstants.StateStore)] IPersistentState<KioskCameraState> state,
    JanusServers servers,
    IOptions<MediaOptions> options,
    [FromKeyedServices(SosConstants.ClockKey)] TimeProvider clock,
    ILogger<KioskCameraGrain> logger) : Grain, IKioskCameraGrain, IRemindable
{
    private const string Streaming = "janus.plugin.streaming";
    private const string WakeReminder = "camera-wake";
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan WakePeriod = TimeSpan.FromMinutes(1);

    private readonly JanusControlHandle control = new(Streaming);
    private IGrainTimer? timer;
    private CameraSource? source;
    private bool? sending;
    private DateTimeOffset mountedAt;
    private bool mountProblemSaid;

    private string KioskId => this.GetPrimaryKeyString();

    private string MountId => $"camera-kiosk-{KioskId}";

    private KioskCameraState Current => state.RecordExists ? state.State : new KioskCameraState(null, null);

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await ReadKioskAsync();
        UpdateTimer();
    }

    /// <inheritdoc />
    public async Task ChangedAsync()
    {
        await ReadKioskAsync();
        UpdateTimer();
        if (source is null)
        {
            await UnmountAsync();
            if (await this.GetReminder(WakeReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        else
        {
            await this.RegisterOrUpdateReminder(WakeReminder, WakePeriod, WakePeriod);
            await KeepAsync();
        }
    }

    /// <inheritdoc />
    public Task<KeptCamera> GetAsync() => Task.FromResult(
        Current.Server is { } server && source is not null ? new KeptCamera(server, MountId, Current.Secret, sending) : KeptCamera.None);

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;

    /// <summary>The kiosk's camera when it is always on, with its credentials; otherwise null.</summary>
    private async Task ReadKioskAsync()
    {
        var kiosk = GrainFactory.GetKiosk(KioskId);
        var snapshot = await kiosk.GetAsync();
        source = snapshot.Registration is { Camera.AlwaysOn: true } && snapshot.Lifecycle != KioskLifecycle.Decommissioned && servers.Enabled
            ? await kiosk.CameraSourceAsync()
            : null;
    }

    private void UpdateTimer()
    {
        if (source is not null && timer is null)
        {
            timer = this.RegisterGrainTimer(static (grain, _) => grain.KeepAsync(), this,
                new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = CheckInterval, KeepAlive = true });
        }
        else if (source is null && timer is not null)
        {
            timer.Dispose();
            timer = null;
        }
    }

    /// <summary>Mounted where it was (or anew on a server that answers), and looked at.</summary>
    private async Task KeepAsync()
    {
        if (source is not { } camera)
        {
            return;
        }

        try
        {
            if (Current.Server is not null && Current.Source != Fingerprint(camera))
            {
                // Another stream or other credentials: the mountpoint is made again with them.
                await UnmountAsync();
            }

            var server = servers.Find(Current.Server);
            if (server is not null && await InfoAsync(server) is { } info)
            {
                await LookAsync(info);
                return;
            }

            await MountAsync(camera, server is { Healthy: true } ? server : await servers.PickAsync());
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Kiosk {KioskId}: its always-on camera could not be kept; it tries again", KioskId);
        }
    }

    /// <summary>The mountpoint's <c>info</c>, or null when the server no longer has it (it restarted) or does not answer.</summary>
    private async Task<JanusReply?> InfoAsync(JanusClient server)
    {
        try
        {
            return await control.RequestAsync(server, new JsonObject { ["request"] = "info", ["id"] = MountId, ["secret"] = Current.Secret });
        }
        catch (JanusException exception) when (exception.ServerLost || exception.Code == CameraMounts.NoSuchMountpoint)
        {
            control.Forget();
            return null;
        }
    }

    private async Task MountAsync(CameraSource camera, JanusClient? server)
    {
        if (server is null)
        {
            // No media server answers: not the camera's fault (the media's own health says so); tried again.
            if (!mountProblemSaid)
            {
                mountProblemSaid = true;
                logger.LogWarning("Kiosk {KioskId}: its always-on camera is not mounted: {Problem}", KioskId, servers.Problem);
            }

            return;
        }

        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        try
        {
            await control.RequestAsync(server, CameraMounts.Create(servers.AdminKey, MountId, $"always-on camera of kiosk {KioskId}", secret, camera));
        }
        catch (JanusException exception) when (exception.Code == CameraMounts.MountpointExists && Current.Secret is { } kept)
        {
            // Left by this grain's earlier activation on this server with the secret it kept: destroyed and made again.
            await control.RequestAsync(server, new JsonObject { ["request"] = "destroy", ["id"] = MountId, ["secret"] = kept, ["permanent"] = false });
            await control.RequestAsync(server, CameraMounts.Create(servers.AdminKey, MountId, $"always-on camera of kiosk {KioskId}", secret, camera));
        }
        catch (JanusException exception) when (!exception.ServerLost)
        {
            if (!mountProblemSaid)
            {
                mountProblemSaid = true;
                logger.LogWarning("Kiosk {KioskId}: its always-on camera could not be mounted on {Server}: {Reason}", KioskId, server.Url, exception.Message);
                await SayAsync(false, $"the always-on camera could not be mounted: {exception.Message}");
            }

            return;
        }

        state.State = new KioskCameraState(server.Url, secret, Fingerprint(camera));
        await state.WriteStateAsync();
        mountedAt = clock.GetUtcNow();
        mountProblemSaid = false;
        logger.LogInformation("Kiosk {KioskId}: its always-on camera is mounted on {Server}", KioskId, server.Url);
    }

    /// <summary>No picture for <see cref="MediaOptions.CameraSilentAfter"/> raises the kiosk's alert; pictures clear it.</summary>
    private async Task LookAsync(JanusReply info)
    {
        var now = clock.GetUtcNow();
        var quietFor = CameraMounts.QuietFor(info, mountedAt, now);
        var silent = quietFor >= options.Value.CameraSilentAfter;
        if (sending == !silent)
        {
            return;
        }

        await SayAsync(!silent, silent
            ? $"the always-on camera has sent no picture for {quietFor.TotalSeconds:0} s (since {now - quietFor:HH:mm:ss} UTC)"
            : "the always-on camera sends pictures");
    }

    private async Task SayAsync(bool sends, string detail)
    {
        if (sending == sends)
        {
            return;
        }

        sending = sends;
        await GrainFactory.GetKiosk(KioskId).CameraWatchedAsync(sends, detail);
    }

    /// <summary>The stream and credentials as a hash (never the password itself in the state).</summary>
    private static string Fingerprint(CameraSource camera) =>
        Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{camera.RtspUrl}\n{camera.Credentials?.Username}\n{camera.Credentials?.Password}")));

    /// <summary>Destroys the mountpoint it made, where it made it; a server that does not answer is left to its restart.</summary>
    private async Task UnmountAsync()
    {
        if (Current is not { Server: { } url, Secret: { } secret })
        {
            return;
        }

        if (servers.Find(url) is { } server)
        {
            try
            {
                await control.RequestAsync(server, new JsonObject { ["request"] = "destroy", ["id"] = MountId, ["secret"] = secret, ["permanent"] = false });
                logger.LogInformation("Kiosk {KioskId}: its always-on camera is no longer mounted on {Server}", KioskId, url);
            }
            catch (JanusException exception)
            {
                logger.LogInformation("Kiosk {KioskId}: its always-on camera's mountpoint on {Server} was not destroyed ({Reason})", KioskId, url, exception.Message);
            }
        }

        state.State = new KioskCameraState(null, null);
        await state.WriteStateAsync();
        sending = null;
    }
}
