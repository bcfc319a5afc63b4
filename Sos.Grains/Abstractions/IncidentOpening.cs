namespace Sos.Grains.Abstractions;

/// <summary>What opens an incident.</summary>
/// <param name="CentreId">The operations centre that owns it (a call's centre, when it comes from a call).</param>
/// <param name="Source">How it was reported.</param>
/// <param name="Actor">Who opens it (<see cref="Actors"/>).</param>
/// <param name="CallId">The call it comes from; the call joins it, and its kiosk's place is where it starts.</param>
/// <param name="TypeCode">Its type, if known.</param>
/// <param name="Priority">Its priority, if known (else the type's, else 3).</param>
/// <param name="Location">Where it is, when not from a kiosk call.</param>
/// <param name="CitizenReportId">The citizen's report it comes from; the citizen is told as it goes on.</param>
[GenerateSerializer, Immutable, Alias("Sos.IncidentOpening")]
public sealed record IncidentOpening(
    [property: Id(0)] string CentreId,
    [property: Id(1)] IncidentSource Source,
    [property: Id(2)] string Actor,
    [property: Id(3)] Guid? CallId = null,
    [property: Id(4)] string? TypeCode = null,
    [property: Id(5)] int? Priority = null,
    [property: Id(6)] IncidentLocation? Location = null,
    [property: Id(7)] Guid? CitizenReportId = null);
