namespace Sos.Grains.Abstractions;

/// <summary>One unit sent to one incident, with the time of each step; the incident owns it.</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="AssignedAt">When a dispatcher sent it.</param>
/// <param name="AssignedBy">Who sent it.</param>
/// <param name="AcknowledgedAt">When its crew acknowledged.</param>
/// <param name="EnRouteAt">When it set off.</param>
/// <param name="OnSceneAt">When it arrived.</param>
/// <param name="ClearedAt">When it was released (it finished, or a dispatcher took it off); null while it is on it.</param>
/// <param name="DistanceMeters">How far it was from the incident when it was sent, as far as its last fix tells.</param>
[GenerateSerializer, Immutable, Alias("Sos.Assignment")]
public sealed record Assignment(
    [property: Id(0)] string UnitId,
    [property: Id(1)] DateTimeOffset AssignedAt,
    [property: Id(2)] string AssignedBy,
    [property: Id(3)] DateTimeOffset? AcknowledgedAt = null,
    [property: Id(4)] DateTimeOffset? EnRouteAt = null,
    [property: Id(5)] DateTimeOffset? OnSceneAt = null,
    [property: Id(6)] DateTimeOffset? ClearedAt = null,
    [property: Id(7)] double? DistanceMeters = null)
{
    /// <summary>Whether the unit is still on the incident.</summary>
    public bool IsActive => ClearedAt is null;

    /// <summary>The furthest step it reached, as the incident's status.</summary>
    public IncidentStatus Stage => OnSceneAt is not null ? IncidentStatus.OnScene : EnRouteAt is not null ? IncidentStatus.EnRoute : IncidentStatus.Assigned;
}
