using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Sos.Silo.Storage;
using Sos.Simulator.Chaos;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

/// <summary>The project's own schema: versioned, idempotent, safe under concurrent silos, and guarded against newer builds.</summary>
public sealed class SchemaMigrationTests
{
    [Fact]
    public async Task PostgresMigrationsAppliedTwiceChangeNothing()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();

        var first = await SchemaMigrator.ApplyAsync(SchemaDialect.PostgreSql, database.ConnectionString, NullLogger.Instance, TestContext.Current.CancellationToken);
        var before = await database.ScalarAsync(PostgresFingerprint);
        var second = await SchemaMigrator.ApplyAsync(SchemaDialect.PostgreSql, database.ConnectionString, NullLogger.Instance, TestContext.Current.CancellationToken);

        Assert.Equal(SchemaMigrator.LatestVersion(SchemaDialect.PostgreSql), first);
        Assert.Equal(0, second);
        Assert.Equal(before, await database.ScalarAsync(PostgresFingerprint));
    }

    [Fact]
    public async Task SqliteMigrationsAppliedTwiceChangeNothing()
    {
        var file = Path.Combine(Path.GetTempPath(), $"sos-{Guid.NewGuid():N}.db");
        var connectionString = $"Data Source={file}";
        try
        {
            var first = await SchemaMigrator.ApplyAsync(SchemaDialect.Sqlite, connectionString, NullLogger.Instance, TestContext.Current.CancellationToken);
            var before = await SqliteScalarAsync(connectionString, SqliteFingerprint);
            var second = await SchemaMigrator.ApplyAsync(SchemaDialect.Sqlite, connectionString, NullLogger.Instance, TestContext.Current.CancellationToken);

            Assert.Equal(SchemaMigrator.LatestVersion(SchemaDialect.Sqlite), first);
            Assert.Equal(0, second);
            Assert.Equal(before, await SqliteScalarAsync(connectionString, SqliteFingerprint));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public async Task ThreeSilosMigratingAtTheSameMomentApplyEachMigrationOnce()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();

        var applied = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            Task.Run(() => SchemaMigrator.ApplyAsync(SchemaDialect.PostgreSql, database.ConnectionString, NullLogger.Instance, CancellationToken.None))));

        var latest = SchemaMigrator.LatestVersion(SchemaDialect.PostgreSql);
        Assert.Equal(latest, applied.Sum());
        Assert.Equal((long)latest, await database.ScalarAsync("SELECT count(*) FROM sos_schema_version"));
    }

    [Fact]
    public async Task SiloRefusesADatabaseWrittenByANewerSchema()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        await SchemaMigrator.ApplyAsync(SchemaDialect.PostgreSql, database.ConnectionString, NullLogger.Instance, TestContext.Current.CancellationToken);
        var future = SchemaMigrator.LatestVersion(SchemaDialect.PostgreSql) + 1;
        await database.ScalarAsync($"INSERT INTO sos_schema_version (version, name) VALUES ({future}, 'from-a-newer-build')");

        var direct = await Assert.ThrowsAsync<SchemaVersionException>(
            () => SchemaMigrator.ApplyAsync(SchemaDialect.PostgreSql, database.ConnectionString, NullLogger.Instance, TestContext.Current.CancellationToken));
        var silo = await Record.ExceptionAsync(async () => await StorageCluster.StartAsync(StorageCluster.Postgres(database.ConnectionString)));

        Assert.Contains("newer than this Sos build supports", direct.Message);
        Assert.NotNull(silo);
        Assert.Contains("newer than this Sos build supports", silo.ToString());
    }

    [Fact]
    public async Task SiloWithMigrationsOffRefusesAnOldSchemaUntilTheMigrateCommandRuns()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        var settings = StorageCluster.Postgres(database.ConnectionString);
        settings["Sos:Database:ApplyMigrations"] = "false";

        var refused = await Record.ExceptionAsync(async () => await StorageCluster.StartAsync(settings));
        var (exitCode, output) = await SiloProcess.RunToEndAsync(
            new Dictionary<string, string> { ["Sos__Mode"] = "Cluster", ["ConnectionStrings__Sos"] = database.ConnectionString },
            "migrate");

        Assert.NotNull(refused);
        Assert.Contains("apply them with 'dotnet Sos.Silo.dll migrate'", refused.ToString());
        Assert.True(exitCode == 0, output);
        await using var started = await StorageCluster.StartAsync(settings);
        Assert.NotNull(started.Client);
    }

    private const string PostgresFingerprint =
        "SELECT md5(string_agg(querykey || ':' || md5(querytext), ',' ORDER BY querykey)) || '/' || (SELECT string_agg(version::text || name, ',' ORDER BY version) FROM sos_schema_version) FROM OrleansQuery";

    private const string SqliteFingerprint =
        "SELECT (SELECT group_concat(QueryKey || ':' || length(QueryText) || ':' || hex(substr(QueryText, 1, 64)), ',') FROM (SELECT * FROM OrleansQuery ORDER BY QueryKey)) || '/' || (SELECT group_concat(version || name || applied_at, ',') FROM sos_schema_version)";

    private static async Task<object?> SqliteScalarAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
