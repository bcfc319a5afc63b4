using Sos.Grains.Abstractions;

namespace Sos.Grains.Audit;

/// <summary>
/// Where the audit trail is kept: the <c>sos_audit</c> table of the installation's database (PostgreSQL or SQLite),
/// or memory in Memory mode. Rows are only ever added; a sequence number that exists is refused.
/// </summary>
public interface IAuditStore
{
    /// <summary>The newest entry, or null for an empty trail.</summary>
    Task<AuditEntry?> LastAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds <paramref name="entries"/> (consecutive, in order) in one transaction.</summary>
    Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>The entries that match <paramref name="query"/>, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> SearchAsync(AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="count"/> entries after sequence number <paramref name="after"/>, oldest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ReadAsync(long after, int count, CancellationToken cancellationToken = default);
}
