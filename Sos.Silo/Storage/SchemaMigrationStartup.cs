using Microsoft.Extensions.Logging;

namespace Sos.Silo.Storage;

/// <summary>
/// Brings the database schema up to date before any Orleans provider reads its queries: first thing in the
/// silo's lifecycle. With <c>Sos:Database:ApplyMigrations=false</c> it only checks, and refuses to start on a
/// schema that is behind (a DBA applies migrations with <c>dotnet Sos.Silo.dll migrate</c>) or ahead.
/// </summary>
public sealed partial class SchemaMigrationStartup(SosHostOptions options, ILogger<SchemaMigrationStartup> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SchemaMigrationStartup), ServiceLifecycleStage.First, MigrateAsync);

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (options.Database() is not { } database)
        {
            return;
        }

        if (options.ApplyMigrations)
        {
            await SchemaMigrator.ApplyAsync(database.Dialect, database.ConnectionString, logger, cancellationToken);
            return;
        }

        var current = await SchemaMigrator.CurrentVersionAsync(database.Dialect, database.ConnectionString, cancellationToken);
        var latest = SchemaMigrator.LatestVersion(database.Dialect);
        if (current > latest)
        {
            throw new SchemaVersionException(current, latest);
        }

        if (current < latest)
        {
            throw new InvalidOperationException(
                $"The database schema is at version {current} and this Sos build needs {latest}; migrations are off (Sos:Database:ApplyMigrations=false), so apply them with 'dotnet Sos.Silo.dll migrate'.");
        }

        LogSchemaChecked(logger, current);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema is at version {Version}; migrations are applied by a DBA")]
    private static partial void LogSchemaChecked(ILogger logger, int version);
}
