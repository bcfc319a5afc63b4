using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Sos.Grains.Abstractions;

namespace Sos.Grains.Audit;

/// <summary>
/// The one writer of the audit trail. Entries are chained in the order they arrive, in memory and synchronously, and
/// written in batches: what arrives while a batch is being written goes into the next one, so a burst of entries costs
/// one transaction each round, not one each. An append returns once its entry is durable. A write that fails fails
/// its batch and ends the activation, so the next one chains from what the database holds.
/// </summary>
[Reentrant] // Safe: chaining is synchronous within a turn; only the write loop awaits, and only one runs at a time.
public sealed partial class AuditGrain(
    IAuditStore store,
    [FromKeyedServices(SosConstants.ClockKey)] TimeProvider clock,
    ILogger<AuditGrain> logger) : Grain, IAuditGrain
{
    /// <summary>The longest actor, subject or address an entry keeps.</summary>
    public const int MaximumNameLength = 256;

    /// <summary>The longest detail an entry keeps.</summary>
    public const int MaximumDetailLength = 4000;

    private const int VerifyPage = 1000;

    private readonly List<(AuditEntry Entry, TaskCompletionSource Written)> pending = [];
    private AuditEntry? head;
    private bool writing;
    private bool failed;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken) => head = await store.LastAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<AuditEntry> AppendAsync(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!AuditActions.All.Contains(record.Action))
        {
            throw new SosDomainException($"'{record.Action}' is not an audit action.");
        }

        if (failed)
        {
            throw new SosDomainException("audit-unavailable", "The audit trail could not be written a moment ago; try again.");
        }

        var entry = AuditChain.Next(head, Bounded(record), clock.GetUtcNow());
        head = entry;
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        pending.Add((entry, written));
        if (!writing)
        {
            _ = WriteAsync();
        }

        await written.Task;
        return entry;
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<AuditEntry>> SearchAsync(AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return [.. await store.SearchAsync(query with { Limit = Math.Clamp(query.Limit, 1, AuditQuery.MaximumLimit) })];
    }

    /// <inheritdoc />
    public async Task<AuditVerification> VerifyAsync()
    {
        AuditEntry? previous = null;
        long checkedCount = 0;
        while (true)
        {
            var page = await store.ReadAsync(previous?.Sequence ?? 0, VerifyPage);
            foreach (var entry in page)
            {
                if (AuditChain.Check(entry, previous) is { } problem)
                {
                    LogBroken(logger, entry.Sequence, problem);
                    return new AuditVerification(false, checkedCount, entry.Sequence, problem);
                }

                previous = entry;
                checkedCount++;
            }

            if (page.Count < VerifyPage)
            {
                return new AuditVerification(true, checkedCount);
            }
        }
    }

    private static AuditRecord Bounded(AuditRecord record) => new(
        Cut(record.Actor, MaximumNameLength),
        record.Action,
        Cut(record.Subject, MaximumNameLength),
        Cut(record.Detail, MaximumDetailLength),
        record.Address is null ? null : Cut(record.Address, MaximumNameLength));

    private static string Cut(string? text, int length) => text is null ? string.Empty : text.Length <= length ? text : text[..length];

    private async Task WriteAsync()
    {
        writing = true;
        try
        {
            while (pending.Count > 0)
            {
                var batch = pending.ToList();
                pending.Clear();
                try
                {
                    await store.AppendAsync(batch.ConvertAll(p => p.Entry));
                }
                catch (Exception exception)
                {
                    LogWriteFailed(logger, exception, batch.Count + pending.Count);
                    failed = true;
                    foreach (var (_, written) in batch.Concat(pending))
                    {
                        written.TrySetException(exception);
                    }

                    pending.Clear();
                    DeactivateOnIdle();
                    return;
                }

                foreach (var (_, written) in batch)
                {
                    written.TrySetResult();
                }
            }
        }
        finally
        {
            writing = false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The audit trail could not be written; {Count} entries failed and the trail's writer restarts")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The audit trail's hash chain is broken at entry {Sequence}: {Problem}")]
    private static partial void LogBroken(ILogger logger, long sequence, string problem);
}
