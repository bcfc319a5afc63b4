using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using Sos.Grains.Abstractions;
using Sos.Grains.Audit;

namespace Sos.Silo.Storage;

/// <summary>
/// The audit trail in the installation's database: the <c>sos_audit</c> table of schema migration 0005 (PostgreSQL) or
/// 0004 (SQLite), whose triggers refuse any change to a row. Embedded mode's writes take their turn with the other
/// SQLite writers when <see cref="SqliteGate"/> is on.
/// </summary>
public sealed class SqlAuditStore(SchemaDialect dialect, string connectionString, SqliteGate? gate = null) : IAuditStore
{
    private const string Columns = "seq, at, actor, action, subject, detail, address, previous_hash, hash";
    private const string SqliteMoment = "yyyy-MM-ddTHH:mm:ss.ffffffZ";

    /// <inheritdoc />
    public async Task<AuditEntry?> LastAsync(CancellationToken cancellationToken = default)
    {
        var last = await QueryAsync($"SELECT {Columns} FROM sos_audit ORDER BY seq DESC LIMIT 1", [], cancellationToken);
        return last.Count == 0 ? null : last[0];
    }

    /// <inheritdoc />
    public Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        async Task WriteAsync()
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            foreach (var entry in entries)
            {
                await using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = $"INSERT INTO sos_audit ({Columns}) VALUES (@seq, @at, @actor, @action, @subject, @detail, @address, @previous, @hash)";
                Add(insert, "seq", entry.Sequence);
                Add(insert, "at", Moment(entry.At));
                Add(insert, "actor", entry.Actor);
                Add(insert, "action", entry.Action);
                Add(insert, "subject", entry.Subject);
                Add(insert, "detail", entry.Detail);
                Add(insert, "address", entry.Address);
                Add(insert, "previous", entry.PreviousHash);
                Add(insert, "hash", entry.Hash);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return gate is null ? WriteAsync() : gate.RunAsync(WriteAsync);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditEntry>> SearchAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        var where = new List<string>();
        var parameters = new List<(string, object?)>();
        if (query.Before is { } before)
        {
            where.Add("seq < @before");
            parameters.Add(("before", before));
        }

        if (query.Action is { Length: > 0 } action)
        {
            where.Add("action = @action");
            parameters.Add(("action", action));
        }

        if (query.From is { } from)
        {
            where.Add("at >= @from");
            parameters.Add(("from", Moment(from)));
        }

        if (query.To is { } to)
        {
            where.Add("at < @to");
            parameters.Add(("to", Moment(to)));
        }

        if (query.Text is { Length: > 0 } text)
        {
            where.Add(@"lower(actor || ' ' || subject || ' ' || detail) LIKE @text ESCAPE '\'");
            var escaped = text.ToLowerInvariant().Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
            parameters.Add(("text", $"%{escaped}%"));
        }

        var filter = where.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", where);
        var limit = Math.Clamp(query.Limit, 1, AuditQuery.MaximumLimit).ToString(CultureInfo.InvariantCulture);
        return QueryAsync($"SELECT {Columns} FROM sos_audit {filter} ORDER BY seq DESC LIMIT {limit}", parameters, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditEntry>> ReadAsync(long after, int count, CancellationToken cancellationToken = default) =>
        QueryAsync($"SELECT {Columns} FROM sos_audit WHERE seq > @after ORDER BY seq LIMIT {count.ToString(CultureInfo.InvariantCulture)}", [("after", after)], cancellationToken);

    private async Task<IReadOnlyList<AuditEntry>> QueryAsync(string sql, IReadOnlyList<(string Name, object? Value)> parameters, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            Add(command, name, value);
        }

        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new AuditEntry(
                reader.GetInt64(0),
                ReadMoment(reader, 1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetString(7).Trim(),
                reader.GetString(8).Trim()));
        }

        return entries;
    }

    private object Moment(DateTimeOffset at) => dialect == SchemaDialect.Sqlite
        ? AuditChain.Moment(at).UtcDateTime.ToString(SqliteMoment, CultureInfo.InvariantCulture)
        : AuditChain.Moment(at);

    private DateTimeOffset ReadMoment(DbDataReader reader, int column) => dialect == SchemaDialect.Sqlite
        ? DateTimeOffset.ParseExact(reader.GetString(column), SqliteMoment, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
        : new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(column), DateTimeKind.Utc));

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = dialect == SchemaDialect.PostgreSql ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
