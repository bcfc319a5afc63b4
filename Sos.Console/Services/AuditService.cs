using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Sos.Console.Hosting;
using Sos.Grains.Abstractions;

namespace Sos.Console.Services;

/// <summary>
/// The console's side of the audit trail: what happens in the console itself (sign-ins, exports, evidence opened) is
/// recorded here; changes made by grains are recorded by those grains. Reading the trail is for administrators.
/// </summary>
public sealed partial class AuditService(IClusterClient client, ILogger<AuditService> logger)
{
    /// <summary>The columns of the trail's CSV export.</summary>
    public static readonly string[] Columns = ["seq", "at_utc", "actor", "action", "subject", "detail", "address", "previous_hash", "hash"];

    /// <summary>
    /// Records <paramref name="record"/>. A trail that cannot be written at this moment never stops a dispatcher from
    /// signing in or working: the failure is logged at Error with the whole record, for the log shipper to keep.
    /// </summary>
    public async Task RecordAsync(AuditRecord record)
    {
        try
        {
            await client.GetAudit().AppendAsync(record);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogNotRecorded(logger, exception, record.Action, record.Actor, record.Subject, record.Detail, record.Address);
        }
    }

    /// <summary>The entries matching <paramref name="query"/>, newest first; administrators only.</summary>
    public Task<ImmutableArray<AuditEntry>> SearchAsync(ConsoleUser acting, AuditQuery query)
    {
        acting.Require(AccountRole.Admin, "read the audit trail");
        return client.GetAudit().SearchAsync(query);
    }

    /// <summary>Checks the trail's hash chain; administrators only.</summary>
    public Task<AuditVerification> VerifyAsync(ConsoleUser acting)
    {
        acting.Require(AccountRole.Admin, "check the audit trail");
        return client.GetAudit().VerifyAsync();
    }

    /// <summary>The entries as CSV, with their hashes, so a copy can be checked outside Sos.</summary>
    public static byte[] ToCsv(IEnumerable<AuditEntry> entries)
    {
        var csv = new StringBuilder();
        Csv.AppendRow(csv, Columns);
        foreach (var e in entries)
        {
            Csv.AppendRow(csv,
            [
                e.Sequence.ToString(CultureInfo.InvariantCulture), e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
                e.Actor, e.Action, e.Subject, e.Detail, e.Address ?? string.Empty, e.PreviousHash, e.Hash,
            ]);
        }

        return Csv.Bytes(csv);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit trail not written: {Action} by {Actor} on {Subject} ({Detail}) from {Address}")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception, string action, string actor, string subject, string detail, string? address);
}
