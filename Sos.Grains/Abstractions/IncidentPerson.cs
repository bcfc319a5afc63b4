namespace Sos.Grains.Abstractions;

/// <summary>A person involved in an incident, as far as the dispatcher learnt.</summary>
/// <param name="Role">Their part: <c>caller</c>, <c>victim</c>, <c>witness</c>, <c>suspect</c>, <c>other</c>.</param>
/// <param name="Name">Their name, if given.</param>
/// <param name="Description">What they look like or how to find them.</param>
/// <param name="Phone">A number to reach them, if given.</param>
[GenerateSerializer, Immutable, Alias("Sos.IncidentPerson")]
public sealed record IncidentPerson(
    [property: Id(0)] string Role,
    [property: Id(1)] string? Name,
    [property: Id(2)] string? Description,
    [property: Id(3)] string? Phone);
