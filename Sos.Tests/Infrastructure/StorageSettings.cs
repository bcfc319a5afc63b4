namespace Sos.Tests.Infrastructure;

/// <summary>Where one test's durable state lives: a fresh SQLite directory or a fresh PostgreSQL database.</summary>
public sealed class StorageSettings : IAsyncDisposable
{
    private readonly TestPostgres.TestDatabase? database;
    private readonly string? directory;

    private StorageSettings(Dictionary<string, string?> values, TestPostgres.TestDatabase? database, string? directory)
    {
        Values = values;
        this.database = database;
        this.directory = directory;
    }

    /// <summary>The host settings (<c>Sos:Mode</c> and where the database is), to which a test may add more.</summary>
    public Dictionary<string, string?> Values { get; }

    /// <summary>The PostgreSQL database, in Cluster mode.</summary>
    public TestPostgres.TestDatabase Database => database ?? throw new InvalidOperationException("Not a PostgreSQL setting.");

    /// <summary>Creates fresh storage for <paramref name="mode"/>: <c>Embedded</c> (SQLite) or <c>Cluster</c> (PostgreSQL).</summary>
    public static async Task<StorageSettings> CreateAsync(string mode)
    {
        if (mode == "Embedded")
        {
            var directory = Path.Combine(Path.GetTempPath(), $"sos-test-{Guid.NewGuid():N}");
            return new StorageSettings(StorageCluster.Embedded(directory), null, directory);
        }

        var database = await TestPostgres.CreateDatabaseAsync();
        return new StorageSettings(StorageCluster.Postgres(database.ConnectionString), database, null);
    }

    /// <summary>Runs a statement on the storage's database (SQLite file or PostgreSQL) and returns the first column of the first row.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        if (database is not null)
        {
            return await database.ScalarAsync(sql);
        }

        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(directory!, Sos.Silo.SosHostOptions.EmbeddedDatabaseFile)}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        if (directory is not null && Directory.Exists(directory))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
