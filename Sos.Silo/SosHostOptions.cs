using Microsoft.Extensions.Configuration;
using Sos.Grains.Abstractions;
using Sos.Silo.Storage;

namespace Sos.Silo;

/// <summary>The host settings under <c>Sos</c> and the <c>Sos</c> connection string.</summary>
public sealed class SosHostOptions
{
    /// <summary>The SQLite file of the embedded mode, inside <see cref="DataDirectory"/>.</summary>
    public const string EmbeddedDatabaseFile = "sos.db";

    /// <summary>Embedded (default), Cluster or Memory (<c>Sos:Mode</c>).</summary>
    public SosMode Mode { get; set; } = SosMode.Embedded;

    /// <summary>Where the embedded mode keeps its database (<c>Sos:DataDirectory</c>, default <c>data</c>).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Whether a silo applies missing schema migrations at start-up (<c>Sos:Database:ApplyMigrations</c>).</summary>
    public bool ApplyMigrations { get; set; } = true;

    /// <summary>
    /// Embedded mode: whether the process's writes to the SQLite file take turns in-process (<c>Sos:Database:SqliteWriterGate</c>,
    /// default true). Without it, concurrent writers meet SQLite's lock and Microsoft.Data.Sqlite's retry sleep; the
    /// benchmark measures both side by side.
    /// </summary>
    public bool SqliteWriterGate { get; set; } = true;

    /// <summary>The PostgreSQL connection string of the cluster mode (<c>ConnectionStrings:Sos</c>).</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Reads the settings from configuration.</summary>
    public static SosHostOptions From(IConfiguration configuration)
    {
        var options = new SosHostOptions();
        try
        {
            configuration.GetSection("Sos").Bind(options);
        }
        catch (InvalidOperationException wrong)
        {
            throw new SosConfigurationException(
                $"a setting under Sos has a value Sos cannot use ({wrong.Message}); Sos:Mode is one of {string.Join(", ", Enum.GetNames<SosMode>())}.");
        }

        options.ApplyMigrations = configuration.GetValue("Sos:Database:ApplyMigrations", true);
        options.SqliteWriterGate = configuration.GetValue("Sos:Database:SqliteWriterGate", true);
        options.PostgresConnectionString = configuration.GetConnectionString(SosConstants.StateStore);
        return options;
    }

    /// <summary>The database dialect and connection string of the mode; null in Memory mode.</summary>
    public (SchemaDialect Dialect, string ConnectionString)? Database() => Mode switch
    {
        SosMode.Embedded => (SchemaDialect.Sqlite, $"Data Source={Path.GetFullPath(Path.Combine(DataDirectory, EmbeddedDatabaseFile))}"),
        SosMode.Cluster => (SchemaDialect.PostgreSql, PostgresConnectionString is { Length: > 0 } connection
            ? connection
            : throw new SosConfigurationException("Sos:Mode is Cluster but ConnectionStrings:Sos (environment ConnectionStrings__Sos) is not set.")),
        _ => null,
    };
}
