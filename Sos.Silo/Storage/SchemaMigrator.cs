using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Sos.Silo.Storage;

/// <summary>
/// Brings a database to the schema this build of Sos needs: the tables, functions and
/// <c>OrleansQuery</c> rows that the Orleans ADO.NET providers (clustering, grain storage,
/// reminders) execute. Orleans ships no SQL of its own; ours lives in the numbered scripts
/// embedded from <c>Storage/Sql/PostgreSQL/</c> and <c>Storage/Sql/Sqlite/</c>.
/// </summary>
/// <remarks>
/// Each migration is applied once, in order, in its own transaction, and recorded in the table
/// <c>sos_schema_version(version, name, applied_at)</c>. Several silos may start at once: on
/// PostgreSQL every step holds the transaction-scoped advisory lock
/// <see cref="PostgreSqlAdvisoryLockKey"/>, on SQLite a write lock (<c>BEGIN IMMEDIATE</c>), and
/// re-reads the recorded version under it, so each migration is applied exactly once.
/// The scripts are idempotent as well, so re-applying one by hand is harmless.
/// </remarks>
public static partial class SchemaMigrator
{
    /// <summary>
    /// The key of the PostgreSQL advisory lock taken (with <c>pg_advisory_xact_lock</c>) while
    /// migrating. Its bytes spell "Sos_Scma".
    /// </summary>
    public const long PostgreSqlAdvisoryLockKey = 0x536F_735F_5363_6D61;

    // Long enough to wait behind another silo applying a migration.
    private const int CommandTimeoutSeconds = 300;

    private static readonly Lazy<IReadOnlyList<Migration>> PostgreSqlMigrations =
        new(() => LoadMigrations(SchemaDialect.PostgreSql));

    private static readonly Lazy<IReadOnlyList<Migration>> SqliteMigrations =
        new(() => LoadMigrations(SchemaDialect.Sqlite));

    /// <summary>
    /// The highest migration this build ships for <paramref name="dialect"/>: the version a
    /// database has once <see cref="ApplyAsync"/> has run.
    /// </summary>
    /// <param name="dialect">The database engine.</param>
    /// <returns>The number of the last migration (migrations are numbered from 1).</returns>
    public static int LatestVersion(SchemaDialect dialect) => MigrationsOf(dialect).Count;

    /// <summary>
    /// Applies the migrations the database lacks, each in its own transaction.
    /// </summary>
    /// <param name="dialect">The database engine.</param>
    /// <param name="connectionString">
    /// An Npgsql connection string for <see cref="SchemaDialect.PostgreSql"/> (the database must
    /// exist), a Microsoft.Data.Sqlite one for <see cref="SchemaDialect.Sqlite"/> (the file and
    /// its directory are created when missing).
    /// </param>
    /// <param name="logger">Receives one entry per migration applied.</param>
    /// <param name="cancellationToken">Cancels the wait for the lock and the running script.</param>
    /// <returns>The number of migrations this call applied (0 when already up to date).</returns>
    /// <exception cref="SchemaVersionException">
    /// The database records a migration newer than <see cref="LatestVersion"/>.
    /// </exception>
    public static async Task<int> ApplyAsync(
        SchemaDialect dialect,
        string connectionString,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(logger);

        var migrations = MigrationsOf(dialect);
        var latest = migrations.Count;
        await using var connection = await OpenAsync(dialect, connectionString, cancellationToken).ConfigureAwait(false);

        var applied = 0;
        while (true)
        {
            await using var transaction = await BeginLockedAsync(dialect, connection, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, VersionTableDdl(dialect), cancellationToken).ConfigureAwait(false);

            var current = await ReadVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            if (current > latest)
            {
                throw new SchemaVersionException(current, latest);
            }

            if (current == latest)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                break;
            }

            var next = migrations[current];
            try
            {
                await ExecuteAsync(connection, transaction, next.Script, cancellationToken).ConfigureAwait(false);
                await RecordAsync(connection, transaction, next, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogMigrationFailed(logger, exception, next.Version, next.Name);
                throw;
            }

            applied++;
            LogMigrationApplied(logger, next.Version, next.Name);
        }

        LogSchemaCurrent(logger, dialect, latest, applied);
        return applied;
    }

    /// <summary>
    /// Reads the highest migration recorded in the database, without changing anything.
    /// </summary>
    /// <param name="dialect">The database engine.</param>
    /// <param name="connectionString">A connection string for <paramref name="dialect"/>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The recorded version, 0 for a database no migration has touched.</returns>
    public static async Task<int> CurrentVersionAsync(
        SchemaDialect dialect,
        string connectionString,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        await using var connection = await OpenAsync(dialect, connectionString, cancellationToken).ConfigureAwait(false);
        var exists = dialect == SchemaDialect.PostgreSql
            ? "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = 'sos_schema_version'"
            : "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'sos_schema_version'";
        if (await ScalarAsync(connection, null, exists, cancellationToken).ConfigureAwait(false) == 0)
        {
            return 0;
        }

        return await ReadVersionAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    private static IReadOnlyList<Migration> MigrationsOf(SchemaDialect dialect) => dialect switch
    {
        SchemaDialect.PostgreSql => PostgreSqlMigrations.Value,
        SchemaDialect.Sqlite => SqliteMigrations.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(dialect), dialect, "Unknown schema dialect."),
    };

    private static string FolderOf(SchemaDialect dialect) => dialect switch
    {
        SchemaDialect.PostgreSql => "PostgreSQL",
        SchemaDialect.Sqlite => "Sqlite",
        _ => throw new ArgumentOutOfRangeException(nameof(dialect), dialect, "Unknown schema dialect."),
    };

    // Embedded as <root namespace>.Storage.Sql.<folder>.<NNNN-name>.sql; the root namespace is
    // not assumed. Versions must run 1, 2, 3... without gaps.
    private static List<Migration> LoadMigrations(SchemaDialect dialect)
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var marker = $".Storage.Sql.{FolderOf(dialect)}.";
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var at = resource.IndexOf(marker, StringComparison.Ordinal);
            if (at < 0 || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = resource[(at + marker.Length)..];
            var match = ScriptFileName().Match(fileName);
            if (!match.Success)
            {
                throw new InvalidOperationException(
                    $"Embedded schema script '{resource}' is not named NNNN-name.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"Embedded schema script '{resource}' cannot be read.");
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(
                int.Parse(match.Groups["version"].Value, NumberStyles.None, CultureInfo.InvariantCulture),
                match.Groups["name"].Value,
                reader.ReadToEnd()));
        }

        migrations.Sort((left, right) => left.Version.CompareTo(right.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException(
                    $"Schema scripts for {dialect} must be numbered 0001, 0002, ... without gaps or duplicates; " +
                    $"found {string.Join(", ", migrations.Select(m => m.Version.ToString("D4", CultureInfo.InvariantCulture)))}.");
            }
        }

        if (migrations.Count == 0)
        {
            throw new InvalidOperationException(
                $"No schema scripts for {dialect} are embedded (expected resources containing '{marker}').");
        }

        return migrations;
    }

    private static async Task<DbConnection> OpenAsync(SchemaDialect dialect, string connectionString, CancellationToken cancellationToken)
    {
        DbConnection connection;
        switch (dialect)
        {
            case SchemaDialect.PostgreSql:
                connection = new NpgsqlConnection(connectionString);
                break;
            case SchemaDialect.Sqlite:
                EnsureSqliteDirectory(connectionString);
                connection = new SqliteConnection(connectionString);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(dialect), dialect, "Unknown schema dialect.");
        }

        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (dialect == SchemaDialect.Sqlite)
            {
                // Write-ahead logging, kept by the file: readers never block the one writer, and concurrent grain
                // writes wait for each other (busy timeout) instead of failing with "database is locked".
                await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static void EnsureSqliteDirectory(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var dataSource = builder.DataSource;
        if (builder.Mode == SqliteOpenMode.Memory
            || string.IsNullOrEmpty(dataSource)
            || dataSource == ":memory:"
            || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }

    // One transaction per migration step, holding the lock that serialises concurrent migrators.
    private static async Task<DbTransaction> BeginLockedAsync(SchemaDialect dialect, DbConnection connection, CancellationToken cancellationToken)
    {
        if (connection is SqliteConnection sqlite)
        {
            // deferred: false issues BEGIN IMMEDIATE: the write lock is taken now, before the
            // version is read, so a second migrator waits (busy timeout) instead of deadlocking.
            return sqlite.BeginTransaction(deferred: false);
        }

        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = CreateCommand(connection, transaction, "SELECT pg_advisory_xact_lock(@key)");
            AddParameter(command, "key", PostgreSqlAdvisoryLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static string VersionTableDdl(SchemaDialect dialect) => dialect == SchemaDialect.PostgreSql
        ? """
          CREATE TABLE IF NOT EXISTS sos_schema_version
          (
              version    integer     NOT NULL PRIMARY KEY,
              name       text        NOT NULL,
              applied_at timestamptz NOT NULL DEFAULT now()
          )
          """
        : """
          CREATE TABLE IF NOT EXISTS sos_schema_version
          (
              version    INTEGER NOT NULL PRIMARY KEY,
              name       TEXT    NOT NULL,
              applied_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
          )
          """;

    private static Task<int> ReadVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken) =>
        ScalarAsync(connection, transaction, "SELECT coalesce(max(version), 0) FROM sos_schema_version", cancellationToken);

    private static async Task RecordAsync(DbConnection connection, DbTransaction transaction, Migration migration, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(connection, transaction, "INSERT INTO sos_schema_version (version, name) VALUES (@version, @name)");
        AddParameter(command, "version", migration.Version);
        AddParameter(command, "name", migration.Name);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(connection, transaction, sql);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt32(value, CultureInfo.InvariantCulture);
    }

    private static DbCommand CreateCommand(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = CommandTimeoutSeconds;
        return command;
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema migration {Version} {Name}")]
    private static partial void LogMigrationApplied(ILogger logger, int version, string name);

    [LoggerMessage(Level = LogLevel.Error, Message = "Schema migration {Version} {Name} failed and was rolled back")]
    private static partial void LogMigrationFailed(ILogger logger, Exception exception, int version, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema ({Dialect}) is at version {Version}; {Applied} migration(s) applied by this call")]
    private static partial void LogSchemaCurrent(ILogger logger, SchemaDialect dialect, int version, int applied);

    [GeneratedRegex(@"^(?<version>\d{4})-(?<name>[a-z0-9-]+)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex ScriptFileName();

    private sealed record Migration(int Version, string Name, string Script);
}
