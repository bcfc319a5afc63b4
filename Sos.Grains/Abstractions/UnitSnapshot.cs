namespace Sos.Grains.Abstractions;

/// <summary>A patrol unit as it is. Also the unit grain's persisted state.</summary>
/// <param name="UnitId">Its id (the callsign, as registered).</param>
/// <param name="Profile">What was registered; null for a unit nobody registered.</param>
/// <param name="Status">What it is doing.</param>
/// <param name="StatusSince">When that began.</param>
/// <param name="Position">Its last position, as its crew's browser or its tracker sent it; null before the first.</param>
/// <param name="IncidentId">The incident it is assigned to, while it is.</param>
/// <param name="IncidentNumber">That incident's number, for its crew and the map.</param>
/// <param name="SecretHash">The SHA-256 of its tracker's secret (<see cref="UnitSecrets"/>); null until one is issued.</param>
[GenerateSerializer, Immutable, Alias("Sos.UnitSnapshot")]
public sealed record UnitSnapshot(
    [property: Id(0)] string UnitId,
    [property: Id(1)] UnitProfile? Profile,
    [property: Id(2)] UnitStatus Status,
    [property: Id(3)] DateTimeOffset StatusSince,
    [property: Id(4)] GeoFix? Position = null,
    [property: Id(5)] Guid? IncidentId = null,
    [property: Id(6)] string? IncidentNumber = null,
    [property: Id(7)] string? SecretHash = null)
{
    /// <summary>Whether it was registered.</summary>
    public bool IsRegistered => Profile is not null;

    /// <summary>Whether the dispatcher may send it now.</summary>
    public bool IsAvailable => IsRegistered && Status == UnitStatus.Available && IncidentId is null;

    /// <summary>Whether its last position is older than <paramref name="staleAfter"/> (or it has none).</summary>
    public bool IsStale(DateTimeOffset now, TimeSpan staleAfter) => Position is not { } fix || now - fix.At > staleAfter;
}
