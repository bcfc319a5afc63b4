using System.Diagnostics;
using Npgsql;

namespace Sos.Bench;

/// <summary>
/// The PostgreSQL the benchmarks use: the one in <c>--postgres</c>, else the local server that
/// <c>scripts/postgres.sh</c> installs and starts. Each run gets a throw-away database.
/// </summary>
public sealed class BenchPostgres : IAsyncDisposable
{
    private readonly string server;

    private BenchPostgres(string server, string database, string connectionString)
    {
        this.server = server;
        Database = database;
        ConnectionString = connectionString;
    }

    /// <summary>The database's name.</summary>
    public string Database { get; }

    /// <summary>A connection string to it.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates a database on <paramref name="server"/>, or on the local server started by the project's script.</summary>
    public static async Task<BenchPostgres> CreateAsync(string? server)
    {
        server ??= await StartLocalServerAsync();
        var name = $"sos_bench_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new BenchPostgres(server, name, new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 20 }.ConnectionString);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        catch (PostgresException exception)
        {
            // Dropping is tidying up; it must not hide the figures (or the error) of the run itself.
            await Console.Error.WriteLineAsync($"Could not drop the benchmark database {Database}: {exception.MessageText}");
        }
    }

    private static async Task<string> StartLocalServerAsync()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Sos.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException("Cannot find the repository (Sos.sln) to start PostgreSQL; pass --postgres <connection string>.");
        }

        var start = new ProcessStartInfo("bash", [Path.Combine(root.FullName, "scripts", "postgres.sh")]) { RedirectStandardOutput = true };
        using var script = Process.Start(start)!;
        var connectionString = (await script.StandardOutput.ReadToEndAsync()).Trim();
        await script.WaitForExitAsync();
        return script.ExitCode == 0 && connectionString.Length > 0
            ? connectionString
            : throw new InvalidOperationException("scripts/postgres.sh could not start PostgreSQL.");
    }
}
