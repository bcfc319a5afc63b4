namespace Sos.Grains.Abstractions;

/// <summary>What a console account may do.</summary>
[GenerateSerializer]
public enum AccountRole
{
    /// <summary>Answers calls: the dispatcher screen and the history.</summary>
    Dispatcher = 0,

    /// <summary>Watches the live wall and steps in: take over, reassign.</summary>
    Supervisor = 1,

    /// <summary>Registers kiosks, manages accounts, watches the cluster.</summary>
    Admin = 2,

    /// <summary>A patrol unit's crew: their unit's page (assignment, status steps, position).</summary>
    Patrol = 3,
}
