using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sos.Grains.Abstractions;
using Sos.Grains.Media;

namespace Sos.Silo.Media;

/// <summary>
/// The retention setting (<c>Sos:Media:Retention</c>): every <see cref="MediaOptions.RetentionSweepInterval"/> the
/// evidence directory (<c>&lt;day&gt;/&lt;call id&gt;/</c>) is walked and each call's evidence grain is asked to expire;
/// the grain decides from when the call's media ended, deletes the files, and notes it in the call's timeline.
/// </summary>
public sealed class EvidenceRetention(IGrainFactory grains, IOptions<MediaOptions> options, ILogger<EvidenceRetention> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Retention is not { } retention || options.Value.EvidenceDirectory is not { } root)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.RetentionSweepInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SweepAsync(root, retention, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task SweepAsync(string root, TimeSpan retention, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(root))
        {
            return;
        }

        var deleted = 0;
        foreach (var day in Directory.GetDirectories(root))
        {
            foreach (var call in Directory.GetDirectories(day))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!Guid.TryParseExact(Path.GetFileName(call), "N", out var callId))
                {
                    continue;
                }

                try
                {
                    deleted += await grains.GetEvidence(callId).ExpireAsync(retention) ? 1 : 0;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogWarning(exception, "Evidence of call {CallId} could not be expired; trying at the next sweep", callId);
                }
            }

            if (Directory.Exists(day) && !Directory.EnumerateFileSystemEntries(day).Any())
            {
                Directory.Delete(day);
            }
        }

        if (deleted > 0)
        {
            logger.LogInformation("Retention: deleted the evidence of {Count} calls older than {Retention}", deleted, retention);
        }
    }
}
