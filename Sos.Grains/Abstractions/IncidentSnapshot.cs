using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>An incident: the event one call or several are about. Also the incident grain's persisted state.</summary>
/// <param name="IncidentId">Its id (the grain key).</param>
/// <param name="Number">Its number for people, per centre and year: <c>PVL-2026-000123</c>.</param>
/// <param name="CentreId">The operations centre that owns it.</param>
/// <param name="Source">How it was first reported.</param>
/// <param name="CallIds">The calls about it, in the order they joined.</param>
/// <param name="TypeCode">Its type (a code of the centre's incident types); null until a dispatcher chooses.</param>
/// <param name="Priority">1 (most urgent) to 5.</param>
/// <param name="Status">Where it is now.</param>
/// <param name="Steps">Every status it went through, with the time of each, oldest first.</param>
/// <param name="Location">Where the incident is: the kiosk's, or where a dispatcher put it.</param>
/// <param name="CallerLocation">Where the caller was (the kiosk, the phone's fix); kept apart, never overwritten by a correction.</param>
/// <param name="People">People involved, as recorded.</param>
/// <param name="Notes">Every revision of every note, oldest first (append-only).</param>
/// <param name="Assignments">Every unit sent, with its times; cleared ones stay.</param>
/// <param name="Disposition">How it ended (a code of <see cref="IncidentDispositions"/>); null while open.</param>
/// <param name="LinkedIncidents">Other incidents about the same event (duplicate reports).</param>
/// <param name="OpenedAt">When it was opened.</param>
/// <param name="OpenedBy">Who opened it.</param>
/// <param name="CitizenItems">The citizens' SOS calls and reports it is about, told as it changes (<see cref="IncidentProgress"/>).</param>
/// <param name="PublicNote">What the dispatcher who closed it wrote for the citizens who called or reported it.</param>
[GenerateSerializer, Immutable, Alias("Sos.IncidentSnapshot")]
public sealed record IncidentSnapshot(
    [property: Id(0)] Guid IncidentId,
    [property: Id(1)] string Number,
    [property: Id(2)] string CentreId,
    [property: Id(3)] IncidentSource Source,
    [property: Id(4)] ImmutableArray<Guid> CallIds,
    [property: Id(5)] string? TypeCode,
    [property: Id(6)] int Priority,
    [property: Id(7)] IncidentStatus Status,
    [property: Id(8)] ImmutableArray<IncidentStep> Steps,
    [property: Id(9)] IncidentLocation? Location,
    [property: Id(10)] IncidentLocation? CallerLocation,
    [property: Id(11)] ImmutableArray<IncidentPerson> People,
    [property: Id(12)] ImmutableArray<IncidentNote> Notes,
    [property: Id(13)] ImmutableArray<Assignment> Assignments,
    [property: Id(14)] string? Disposition,
    [property: Id(15)] ImmutableArray<Guid> LinkedIncidents,
    [property: Id(16)] DateTimeOffset OpenedAt,
    [property: Id(17)] string OpenedBy,
    [property: Id(18)] ImmutableArray<CitizenItemRef> CitizenItems = default,
    [property: Id(19)] string? PublicNote = null)
{
    /// <summary>The most urgent priority.</summary>
    public const int HighestPriority = 1;

    /// <summary>The least urgent priority.</summary>
    public const int LowestPriority = 5;

    /// <summary>Whether it has ended (closed or cancelled).</summary>
    public bool IsEnded => Status is IncidentStatus.Closed or IncidentStatus.Cancelled;

    /// <summary>The units on it now.</summary>
    public IEnumerable<Assignment> ActiveAssignments => Assignments.Where(a => a.IsActive);

    /// <summary>Each note as it reads now (its latest revision), in number order.</summary>
    public IEnumerable<IncidentNote> CurrentNotes =>
        Notes.GroupBy(n => n.Number).Select(g => g.MaxBy(n => n.Revision)!).OrderBy(n => n.Number);

    /// <summary>When it reached <paramref name="status"/> last; null if it never did.</summary>
    public DateTimeOffset? At(IncidentStatus status) => Steps.LastOrDefault(s => s.Status == status)?.At;
}
