namespace Sos.Silo.Storage;

/// <summary>
/// The database engines whose Sos schema <see cref="SchemaMigrator"/> can apply.
/// </summary>
public enum SchemaDialect
{
    /// <summary>
    /// PostgreSQL (15 or newer), through Npgsql: clustering, grain storage and reminders.
    /// Orleans ADO.NET invariant <c>"Npgsql"</c>.
    /// </summary>
    PostgreSql,

    /// <summary>
    /// SQLite, through Microsoft.Data.Sqlite: grain storage only.
    /// Orleans ADO.NET invariant <c>"System.Data.SQLite"</c>.
    /// </summary>
    Sqlite,
}
