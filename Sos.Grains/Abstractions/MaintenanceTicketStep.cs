namespace Sos.Grains.Abstractions;

/// <summary>What happened to a maintenance ticket.</summary>
[GenerateSerializer]
public enum MaintenanceTicketStep
{
    /// <summary>Sos opened it: a test call failed, or a fault or offline lasted beyond <c>Sos:Kiosks:TicketAfter</c>.</summary>
    Opened = 0,

    /// <summary>Another problem of the kiosk while the ticket was open: added to it rather than a second ticket.</summary>
    ProblemAdded = 1,

    /// <summary>An administrator gave it to a technician (or to another).</summary>
    Assigned = 2,

    /// <summary>An administrator closed it, saying what was done.</summary>
    Closed = 3,
}
