namespace Sos.Grains.Abstractions;

/// <summary>
/// One patrol unit, keyed by its id (its callsign): the one owner of its status and last position. Its incident awaits
/// it to send, step and release it; it awaits nobody but the audit trail.
/// </summary>
public interface IUnitGrain : IGrainWithStringKey
{
    /// <summary>The unit as it is (not registered: <see cref="UnitSnapshot.IsRegistered"/> is false).</summary>
    Task<UnitSnapshot> GetAsync();

    /// <summary>Registers it or changes what is registered (callsign must match the id). Refused when incomplete (<c>unit-incomplete</c>).</summary>
    Task<UnitSnapshot> RegisterAsync(UnitProfile profile, string actor);

    /// <summary>Issues a new tracker secret (the old one stops working) and returns it: shown once, stored hashed.</summary>
    Task<string> IssueSecretAsync(string actor);

    /// <summary>Whether <paramref name="secret"/> is its tracker's current secret.</summary>
    Task<bool> CheckSecretAsync(string secret);

    /// <summary>
    /// Its crew or a dispatcher sets a status that is not an incident's: Off, Available, Busy, Break, OutOfService.
    /// Refused while it is on an incident (<c>unit-on-incident</c>): the incident releases it.
    /// </summary>
    Task<UnitSnapshot> SetStatusAsync(UnitStatus status, string actor);

    /// <summary>Its last position, from its crew's browser or its tracker. An older fix than the one held is kept out.</summary>
    Task<UnitSnapshot> ReportPositionAsync(GeoFix fix);

    /// <summary>Called by an incident: the unit is sent (Available → Dispatched). Refused when it is not available.</summary>
    Task<UnitSnapshot> AssignAsync(Guid incidentId, string incidentNumber, string actor);

    /// <summary>Called by its incident: a step (→ EnRoute, → OnScene); refused when the unit is not on that incident.</summary>
    Task<UnitSnapshot> StepAsync(Guid incidentId, AssignmentStep step);

    /// <summary>Called by its incident: the unit is off it and Available; a unit no longer on it is left as it is.</summary>
    Task<UnitSnapshot> ReleaseAsync(Guid incidentId);
}
