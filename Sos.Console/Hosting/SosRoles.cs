using Sos.Grains.Abstractions;

namespace Sos.Console.Hosting;

/// <summary>Role names for <c>[Authorize(Roles = ...)]</c>, spelled as <see cref="AccountRole"/>.</summary>
public static class SosRoles
{
    /// <summary>Dispatchers.</summary>
    public const string Dispatcher = nameof(AccountRole.Dispatcher);

    /// <summary>Supervisors.</summary>
    public const string Supervisor = nameof(AccountRole.Supervisor);

    /// <summary>Administrators.</summary>
    public const string Admin = nameof(AccountRole.Admin);

    /// <summary>Patrol crews.</summary>
    public const string Patrol = nameof(AccountRole.Patrol);

    /// <summary>Who may read the history: dispatchers and supervisors.</summary>
    public const string HistoryReaders = Dispatcher + "," + Supervisor;
}
