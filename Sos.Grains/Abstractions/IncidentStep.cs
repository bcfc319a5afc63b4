namespace Sos.Grains.Abstractions;

/// <summary>One change of an incident's status, with its time and who made it.</summary>
/// <param name="Status">The status it went to.</param>
/// <param name="At">When.</param>
/// <param name="Actor">Who (<see cref="Actors"/>).</param>
/// <param name="Detail">Why, or what moved it (a unit's callsign, a disposition), in English; null when nothing to add.</param>
[GenerateSerializer, Immutable, Alias("Sos.IncidentStep")]
public sealed record IncidentStep(
    [property: Id(0)] IncidentStatus Status,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Actor,
    [property: Id(3)] string? Detail = null);
