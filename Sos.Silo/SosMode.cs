namespace Sos.Silo;

/// <summary>How Sos stores its state and finds its silos (<c>Sos:Mode</c>).</summary>
public enum SosMode
{
    /// <summary>One process on one machine, no setup: localhost clustering, state in a SQLite file.</summary>
    Embedded = 0,

    /// <summary>Several silos on one or many machines: clustering, state and reminders in PostgreSQL.</summary>
    Cluster = 1,

    /// <summary>State in memory only, lost when the process stops: for tests of routing rules, never for users.</summary>
    Memory = 2,
}
