using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>
/// A kiosk that needs a technician: opened by Sos when a test call fails or a fault or offline lasts too long,
/// assigned and closed by an administrator. A kiosk has at most one open ticket; further problems are added to it.
/// </summary>
/// <param name="TicketId">Names the ticket.</param>
/// <param name="Number">The kiosk's own count of tickets: its first is 1.</param>
/// <param name="OpenedAt">When Sos opened it (UTC).</param>
/// <param name="Events">Its life, oldest first: opened, problems added, assigned, closed.</param>
/// <param name="AssignedTo">The technician it is given to; null while nobody has it.</param>
/// <param name="ClosedAt">When it was closed; null while open.</param>
[GenerateSerializer, Immutable, Alias("Sos.MaintenanceTicket")]
public sealed record MaintenanceTicket(
    [property: Id(0)] Guid TicketId,
    [property: Id(1)] int Number,
    [property: Id(2)] DateTimeOffset OpenedAt,
    [property: Id(3)] ImmutableArray<MaintenanceTicketEvent> Events,
    [property: Id(4)] string? AssignedTo,
    [property: Id(5)] DateTimeOffset? ClosedAt)
{
    /// <summary>At most this many events are kept on a ticket (the first, the opening, always stays).</summary>
    public const int MaxEvents = 50;

    /// <summary>Whether the ticket is still open.</summary>
    public bool IsOpen => ClosedAt is null;

    /// <summary>The problems that opened it or were added to it, oldest first.</summary>
    public IEnumerable<MaintenanceTicketEvent> Problems => Events.Where(e => e.Step is MaintenanceTicketStep.Opened or MaintenanceTicketStep.ProblemAdded);

    /// <summary>What was done, as the administrator who closed it said.</summary>
    public string? Resolution => Events.LastOrDefault(e => e.Step == MaintenanceTicketStep.Closed)?.Detail;

    /// <summary>The ticket with <paramref name="entry"/> added to its life.</summary>
    public MaintenanceTicket With(MaintenanceTicketEvent entry) => this with
    {
        Events = Events.Length < MaxEvents ? Events.Add(entry) : Events.RemoveAt(1).Add(entry),
    };
}
