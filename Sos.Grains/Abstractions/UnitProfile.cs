using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>What an administrator registers about a patrol unit.</summary>
/// <param name="Callsign">Its callsign on the radio, such as <c>PVL-12</c>; also its id.</param>
/// <param name="Kind">Car, foot, motorcycle or bicycle.</param>
/// <param name="District">Its home district.</param>
/// <param name="CentreId">The operations centre that sends it.</param>
/// <param name="Crew">The console logins of its crew: they sign in to the unit's page.</param>
[GenerateSerializer, Immutable, Alias("Sos.UnitProfile")]
public sealed record UnitProfile(
    [property: Id(0)] string Callsign,
    [property: Id(1)] UnitKind Kind,
    [property: Id(2)] string District,
    [property: Id(3)] string CentreId,
    [property: Id(4)] ImmutableArray<string> Crew);
