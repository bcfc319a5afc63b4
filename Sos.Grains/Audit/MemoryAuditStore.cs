using Sos.Grains.Abstractions;

namespace Sos.Grains.Audit;

/// <summary>The audit trail of Memory mode: in this process only, like everything else in that mode.</summary>
public sealed class MemoryAuditStore : IAuditStore
{
    private readonly List<AuditEntry> entries = [];

    /// <inheritdoc />
    public Task<AuditEntry?> LastAsync(CancellationToken cancellationToken = default)
    {
        lock (entries)
        {
            return Task.FromResult(entries.Count == 0 ? null : entries[^1]);
        }
    }

    /// <inheritdoc />
    public Task AppendAsync(IReadOnlyList<AuditEntry> added, CancellationToken cancellationToken = default)
    {
        lock (entries)
        {
            var next = (entries.Count == 0 ? 0 : entries[^1].Sequence) + 1;
            if (added.Select((e, i) => e.Sequence != next + i).Any(wrong => wrong))
            {
                throw new InvalidOperationException($"audit entries must follow entry {next - 1}");
            }

            entries.AddRange(added);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditEntry>> SearchAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        lock (entries)
        {
            IReadOnlyList<AuditEntry> found = entries.AsEnumerable().Reverse()
                .Where(e => query.Before is not { } before || e.Sequence < before)
                .Where(e => query.Action is not { Length: > 0 } action || e.Action == action)
                .Where(e => query.From is not { } from || e.At >= from)
                .Where(e => query.To is not { } to || e.At < to)
                .Where(e => query.Text is not { Length: > 0 } text || $"{e.Actor} {e.Subject} {e.Detail}".Contains(text, StringComparison.OrdinalIgnoreCase))
                .Take(Math.Clamp(query.Limit, 1, AuditQuery.MaximumLimit))
                .ToList();
            return Task.FromResult(found);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditEntry>> ReadAsync(long after, int count, CancellationToken cancellationToken = default)
    {
        lock (entries)
        {
            IReadOnlyList<AuditEntry> page = entries.Where(e => e.Sequence > after).Take(count).ToList();
            return Task.FromResult(page);
        }
    }
}
