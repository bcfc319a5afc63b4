namespace Sos.Grains.Abstractions;

/// <summary>One step in a maintenance ticket's life.</summary>
/// <param name="At">When (UTC).</param>
/// <param name="Step">Opened, a problem added, assigned, closed.</param>
/// <param name="Actor">Who (named as <see cref="Actors"/> names people); null when Sos did it.</param>
/// <param name="Detail">The problem, the technician, or what was done.</param>
[GenerateSerializer, Immutable, Alias("Sos.MaintenanceTicketEvent")]
public sealed record MaintenanceTicketEvent(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] MaintenanceTicketStep Step,
    [property: Id(2)] string? Actor,
    [property: Id(3)] string Detail);
