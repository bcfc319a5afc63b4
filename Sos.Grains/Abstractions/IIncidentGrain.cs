using Orleans.Concurrency;

namespace Sos.Grains.Abstractions;

/// <summary>
/// One incident, keyed by its id: the one owner of its status, location, notes and assignments. It awaits the calls
/// that join it and the units it sends (they never await it), so a unit's crew reports its steps here.
/// </summary>
public interface IIncidentGrain : IGrainWithGuidKey
{
    /// <summary>The incident; refused (<see cref="UnknownIncidentException"/>) when it was never opened.</summary>
    [AlwaysInterleave]
    Task<IncidentSnapshot> GetAsync();

    /// <summary>Whether it was opened.</summary>
    [AlwaysInterleave]
    Task<bool> ExistsAsync();

    /// <summary>
    /// Opens it: it takes its number, the call (if any) joins it and lends it its kiosk's place. Opening it again
    /// returns it as it is. A call that already belongs to another incident is refused (<c>call-has-incident</c>).
    /// </summary>
    Task<IncidentSnapshot> OpenAsync(IncidentOpening opening);

    /// <summary>Another call about the same event joins it (a second press, a citizen's report).</summary>
    Task<IncidentSnapshot> JoinCallAsync(Guid callId, string actor);

    /// <summary>
    /// Sets its type (a code of the centre's types) and priority (1–5); null leaves one as it is. A new type without a
    /// priority brings the type's default priority.
    /// </summary>
    Task<IncidentSnapshot> ClassifyAsync(string? typeCode, int? priority, string actor);

    /// <summary>
    /// Puts it where it really is (source <c>operator</c>); where the caller was stays as it was and both are shown.
    /// </summary>
    Task<IncidentSnapshot> MoveAsync(IncidentLocation location, string actor);

    /// <summary>Adds a note.</summary>
    Task<IncidentSnapshot> AddNoteAsync(string text, string actor);

    /// <summary>Edits note <paramref name="number"/>: a new revision; the old text stays.</summary>
    Task<IncidentSnapshot> ReviseNoteAsync(int number, string text, string actor);

    /// <summary>Records a person involved.</summary>
    Task<IncidentSnapshot> AddPersonAsync(IncidentPerson person, string actor);

    /// <summary>
    /// Sends a unit: the unit must be Available (it goes Dispatched); the incident goes Assigned. Sending a unit already
    /// on it changes nothing. <paramref name="distanceMeters"/> is how far it was, as the dispatcher saw it ranked.
    /// </summary>
    Task<IncidentSnapshot> AssignAsync(string unitId, string actor, double? distanceMeters = null);

    /// <summary>A unit's crew reports a step (acknowledged, en route, on scene, cleared); its status follows.</summary>
    Task<IncidentSnapshot> ReportAsync(string unitId, AssignmentStep step, string actor);

    /// <summary>A dispatcher takes a unit off it: the unit is Available again.</summary>
    Task<IncidentSnapshot> ReleaseAsync(string unitId, string actor);

    /// <summary>Records that it is about the same event as <paramref name="otherIncidentId"/> (both show the link).</summary>
    Task<IncidentSnapshot> LinkAsync(Guid otherIncidentId, string actor);

    /// <summary>The other side of <see cref="LinkAsync"/>: another incident linked itself to this one.</summary>
    [OneWay]
    Task LinkedFromAsync(Guid otherIncidentId, string actor);

    /// <summary>
    /// Closes it with a disposition (<see cref="IncidentDispositions"/>); every unit still on it is released. A
    /// <paramref name="publicNote"/> (at most 2000 characters) is what the citizens who called or reported it read.
    /// </summary>
    Task<IncidentSnapshot> CloseAsync(string disposition, string actor, string? publicNote = null);

    /// <summary>Cancels it (a mistake, a duplicate); every unit still on it is released.</summary>
    Task<IncidentSnapshot> CancelAsync(string reason, string actor);

    /// <summary>Opens a closed or cancelled incident again (→ ReOpened).</summary>
    Task<IncidentSnapshot> ReopenAsync(string reason, string actor);
}
