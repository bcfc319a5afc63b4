namespace Sos.Grains.Abstractions;

/// <summary>
/// One operations centre's settings and roster, keyed by centre id. Routing reads them when it starts; this grain
/// awaits nobody.
/// </summary>
public interface ICentreGrain : IGrainWithStringKey
{
    /// <summary>The centre's settings and roster.</summary>
    Task<CentreSettings> GetAsync();

    /// <summary>Chooses how the centre's routing picks operators (routing is told by whoever calls this).</summary>
    /// <remarks>Recorded in the audit trail as done by <paramref name="actor"/> (named as <see cref="Actors"/> names people).</remarks>
    Task<CentreSettings> SetStrategyAsync(RoutingStrategy strategy, string actor);

    /// <summary>Sets when the centre's calls overflow to partner centres (routing is told by whoever calls this).</summary>
    /// <remarks>Recorded in the audit trail as done by <paramref name="actor"/> (named as <see cref="Actors"/> names people).</remarks>
    Task<CentreSettings> SetOverflowAsync(CentreOverflow overflow, string actor);

    /// <summary>Sets the centre's time zone (an IANA id this machine's tzdata knows); refused otherwise.</summary>
    /// <remarks>Recorded in the audit trail as done by <paramref name="actor"/> (named as <see cref="Actors"/> names people).</remarks>
    Task<CentreSettings> SetTimeZoneAsync(string timeZoneId, string actor);

    /// <summary>An operator signed in to the centre: they join its roster (idempotent).</summary>
    Task JoinAsync(string login);
}
