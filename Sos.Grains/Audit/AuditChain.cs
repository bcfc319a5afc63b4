using System.Security.Cryptography;
using System.Text.Json;
using Sos.Grains.Abstractions;

namespace Sos.Grains.Audit;

/// <summary>
/// The audit trail's hash chain: each entry's hash is SHA-256 over its own fields and the hash of the entry before it
/// (<see cref="Genesis"/> for the first), so an entry changed, removed or inserted afterwards shows.
/// </summary>
public static class AuditChain
{
    /// <summary>The "hash before" the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>
    /// A moment as the trail keeps it: UTC, whole microseconds (PostgreSQL's precision), so an entry read back hashes
    /// as it was written.
    /// </summary>
    public static DateTimeOffset Moment(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }

    /// <summary>The entry that follows <paramref name="last"/> (null: the first) for <paramref name="record"/>.</summary>
    public static AuditEntry Next(AuditEntry? last, AuditRecord record, DateTimeOffset now)
    {
        var sequence = (last?.Sequence ?? 0) + 1;
        var previous = last?.Hash ?? Genesis;
        var at = Moment(now);
        return new AuditEntry(sequence, at, record.Actor, record.Action, record.Subject, record.Detail, record.Address, previous,
            HashOf(sequence, at, record.Actor, record.Action, record.Subject, record.Detail, record.Address, previous));
    }

    /// <summary>What is wrong with <paramref name="entry"/> following <paramref name="previous"/>, or null when nothing is.</summary>
    public static string? Check(AuditEntry entry, AuditEntry? previous)
    {
        var expectedSequence = (previous?.Sequence ?? 0) + 1;
        if (entry.Sequence != expectedSequence)
        {
            return $"entry {expectedSequence} is missing (the next one is {entry.Sequence})";
        }

        var expectedPrevious = previous?.Hash ?? Genesis;
        if (!string.Equals(entry.PreviousHash, expectedPrevious, StringComparison.Ordinal))
        {
            return $"entry {entry.Sequence} does not follow the hash of the entry before it";
        }

        var hash = HashOf(entry.Sequence, entry.At, entry.Actor, entry.Action, entry.Subject, entry.Detail, entry.Address, entry.PreviousHash);
        return string.Equals(hash, entry.Hash, StringComparison.Ordinal)
            ? null
            : $"entry {entry.Sequence} was changed after it was written (its content no longer matches its hash)";
    }

    private static string HashOf(long sequence, DateTimeOffset at, string actor, string action, string subject, string detail, string? address, string previous)
    {
        // A JSON array: every field delimited, whatever characters it holds.
        var fields = JsonSerializer.SerializeToUtf8Bytes(new[]
        {
            sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
            at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture),
            actor, action, subject, detail, address ?? string.Empty, previous,
        });
        return Convert.ToHexStringLower(SHA256.HashData(fields));
    }
}
