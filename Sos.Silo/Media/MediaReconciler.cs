using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sos.Grains.Abstractions;
using Sos.Grains.Media;
using Sos.Grains.Media.Janus;

namespace Sos.Silo.Media;

/// <summary>
/// Rooms outlive the process that made them (a silo that died, a destroy that could not reach its server): shortly after
/// start-up and every <see cref="MediaOptions.ReconcileInterval"/>, each media server's rooms are listed and each call's
/// room is shown to that call's media grain, which destroys it unless the call is open and its media lives there.
/// Rooms that are not calls' (named otherwise) are left alone.
/// </summary>
public sealed class MediaReconciler(JanusServers servers, IGrainFactory grains, IOptions<MediaOptions> options, ILogger<MediaReconciler> logger) : BackgroundService
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(options.Value.ReconcileInterval < FirstDelay ? options.Value.ReconcileInterval : FirstDelay, stoppingToken);
            using var timer = new PeriodicTimer(options.Value.ReconcileInterval);
            do
            {
                await ReconcileAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        foreach (var server in servers.All)
        {
            try
            {
                if (!server.Healthy && !await server.CheckAsync(cancellationToken))
                {
                    continue;
                }

                var rooms = await server.ListRoomsAsync(servers.AdminKey, cancellationToken);
                foreach (var room in rooms)
                {
                    if (Guid.TryParseExact(room, "N", out var callId))
                    {
                        await grains.GetMediaSession(callId).ReconcileAsync(server.Url);
                    }
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Rooms on {Server} could not be reconciled; trying again later", server.Url);
            }
        }
    }
}
