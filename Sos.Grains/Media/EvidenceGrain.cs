using Microsoft.Extensions.Logging;
using Sos.Grains.Abstractions;

namespace Sos.Grains.Media;

/// <summary>
/// A call's evidence as a durable job: <see cref="PrepareAsync"/> records that it is wanted and registers a reminder
/// before it starts, so a silo that dies mid-way leaves a reminder that starts it again on another silo; the files it
/// makes are never overwritten, so a second run completes what the first left. Once kept, the manifest's hash goes
/// into the call's timeline and the reminder is removed.
/// </summary>
public sealed class EvidenceGrain(
    [PersistentState("evidence", SosConstants.StateStore)] IPersistentState<EvidenceSnapshot> state,
    [Microsoft.Extensions.DependencyInjection.FromKeyedServices(SosConstants.ClockKey)] TimeProvider clock,
    ILogger<EvidenceGrain> logger) : Grain, IEvidenceGrain, IRemindable
{
    private const string RetryReminder = "evidence";
    private static readonly TimeSpan RetryPeriod = TimeSpan.FromMinutes(1);
    private static readonly EvidenceBuilder Builder = new();

    private Guid CallId => this.GetPrimaryKey();

    private EvidenceSnapshot Evidence => state.RecordExists ? state.State : EvidenceSnapshot.None(CallId);

    /// <inheritdoc />
    public async Task PrepareAsync(string directory, DateTimeOffset endedAt)
    {
        if (Evidence.Status != EvidenceStatus.None)
        {
            return;
        }

        state.State = Evidence with { Status = EvidenceStatus.Pending, Directory = directory, EndedAt = endedAt };
        await state.WriteStateAsync();
        await this.RegisterOrUpdateReminder(RetryReminder, RetryPeriod, RetryPeriod);
        await BuildAsync();
    }

    /// <inheritdoc />
    public async Task<bool> ExpireAsync(TimeSpan retention)
    {
        var evidence = Evidence;
        if (evidence.Status is not (EvidenceStatus.Kept or EvidenceStatus.Empty) || evidence.EndedAt is not { } ended || clock.GetUtcNow() - ended < retention || evidence.Directory is not { } directory)
        {
            return false;
        }

        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        var days = retention.TotalDays >= 1 ? $"{retention.TotalDays:0.#} days" : $"{retention.TotalMinutes:0.#} minutes";
        await GrainFactory.GetCall(CallId).NoteMediaAsync(CallEventKind.Media, $"recording deleted by the retention setting ({days}); its manifest sha256 was {evidence.ManifestSha256 ?? "none"}");
        state.State = evidence with { Status = EvidenceStatus.Deleted, Files = [], Recording = null };
        await state.WriteStateAsync();
        logger.LogInformation("Call {CallId}: evidence deleted by retention ({Retention})", CallId, retention);
        return true;
    }

    /// <inheritdoc />
    public Task<EvidenceSnapshot> GetAsync() => Task.FromResult(Evidence);

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == RetryReminder)
        {
            await BuildAsync();
        }
    }

    private async Task BuildAsync()
    {
        var evidence = Evidence;
        if (evidence.Status != EvidenceStatus.Pending || evidence.Directory is not { } directory)
        {
            await ForgetReminderAsync();
            return;
        }

        try
        {
            var (files, recording, manifest) = await Builder.BuildAsync(CallId, directory, CancellationToken.None);
            if (manifest is not null)
            {
                await GrainFactory.GetCall(CallId).NoteMediaAsync(CallEventKind.RecordingKept, $"manifest sha256 {manifest}, {files.Length} files");
            }

            state.State = evidence with
            {
                Status = manifest is null ? EvidenceStatus.Empty : EvidenceStatus.Kept,
                Files = files,
                Recording = recording,
                ManifestSha256 = manifest,
                Attempts = evidence.Attempts + 1,
                LastError = null,
            };
            await state.WriteStateAsync();
            await ForgetReminderAsync();
            logger.LogInformation("Call {CallId}: evidence kept ({Files} files, manifest {Manifest})", CallId, files.Length, manifest);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            state.State = evidence with { Attempts = evidence.Attempts + 1, LastError = exception.Message };
            await state.WriteStateAsync();
            logger.LogWarning(exception, "Call {CallId}: evidence could not be made (attempt {Attempt}); it is tried again", CallId, evidence.Attempts + 1);
        }
    }

    private async Task ForgetReminderAsync()
    {
        if (await this.GetReminder(RetryReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}
