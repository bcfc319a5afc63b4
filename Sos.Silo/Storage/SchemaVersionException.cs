namespace Sos.Silo.Storage;

/// <summary>
/// Thrown by <see cref="SchemaMigrator"/> when the database has been migrated by a newer build of
/// Sos than the one running: this build does not know that schema and must not touch it.
/// </summary>
public sealed class SchemaVersionException : Exception
{
    /// <summary>
    /// Creates the exception for a database at <paramref name="databaseVersion"/> when this build
    /// knows migrations up to <paramref name="supportedVersion"/>.
    /// </summary>
    /// <param name="databaseVersion">The highest migration recorded in the database.</param>
    /// <param name="supportedVersion">The highest migration this build ships.</param>
    public SchemaVersionException(int databaseVersion, int supportedVersion)
        : base($"database schema version {databaseVersion} is newer than this Sos build supports ({supportedVersion}); upgrade Sos")
    {
        DatabaseVersion = databaseVersion;
        SupportedVersion = supportedVersion;
    }

    /// <summary>Creates the exception with no versions known.</summary>
    public SchemaVersionException()
    {
    }

    /// <summary>Creates the exception with a message of its own.</summary>
    /// <param name="message">What went wrong.</param>
    public SchemaVersionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public SchemaVersionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The highest migration recorded in the database.</summary>
    public int DatabaseVersion { get; }

    /// <summary>The highest migration this build of Sos ships.</summary>
    public int SupportedVersion { get; }
}
