using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Sos.Grains.Abstractions;

/// <summary>
/// The installation's audit trail (one grain, <see cref="SosConstants.AuditKey"/>): append-only, durable in the
/// installation's database, each entry chained to the one before it by a SHA-256 hash.
/// </summary>
public interface IAuditGrain : IGrainWithStringKey
{
    /// <summary>Appends <paramref name="record"/> and returns the entry once it is durable.</summary>
    Task<AuditEntry> AppendAsync(AuditRecord record);

    /// <summary>The entries that match <paramref name="query"/>, newest first.</summary>
    [AlwaysInterleave]
    Task<ImmutableArray<AuditEntry>> SearchAsync(AuditQuery query);

    /// <summary>Checks the whole chain, entry by entry.</summary>
    [AlwaysInterleave]
    Task<AuditVerification> VerifyAsync();
}
