using Npgsql;

namespace Sos.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the test command starts (<c>scripts/postgres.sh</c>; its connection string arrives in
/// <c>SOS_TEST_POSTGRES</c>). Each test gets a throw-away database of its own.
/// </summary>
public static class TestPostgres
{
    /// <summary>The server's maintenance connection string.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("SOS_TEST_POSTGRES") is { Length: > 0 } configured
            ? configured
            : "Host=127.0.0.1;Port=5432;Username=sos;Password=sos;Database=postgres";

    /// <summary>Creates an empty database; dropping the returned handle drops it.</summary>
    public static async Task<TestDatabase> CreateDatabaseAsync()
    {
        var name = $"sos_test_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name };
        return new TestDatabase(name, builder.ConnectionString);
    }

    /// <summary>A throw-away database.</summary>
    public sealed class TestDatabase(string name, string connectionString) : IAsyncDisposable
    {
        /// <summary>Its name.</summary>
        public string Name { get; } = name;

        /// <summary>A connection string to it.</summary>
        public string ConnectionString { get; } = connectionString;

        /// <summary>Runs a statement and returns the first column of the first row.</summary>
        public async Task<object?> ScalarAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            return await command.ExecuteScalarAsync();
        }

        /// <summary>Refuses (or allows again) every new connection, and ends the open ones: the database is unreachable.</summary>
        public async Task SetReachableAsync(bool reachable)
        {
            await using var connection = new NpgsqlConnection(ServerConnectionString);
            await connection.OpenAsync();
            var sql = reachable
                ? $"ALTER DATABASE {Name} ALLOW_CONNECTIONS true"
                : $"ALTER DATABASE {Name} ALLOW_CONNECTIONS false; SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{Name}'";
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }

        /// <inheritdoc />
        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(ServerConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
