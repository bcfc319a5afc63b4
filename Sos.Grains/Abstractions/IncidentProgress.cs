namespace Sos.Grains.Abstractions;

/// <summary>
/// What a citizen may learn of the incident their SOS or report is about: the incident tells each of them, one way, as
/// it changes (<see cref="ICitizenSessionGrain.IncidentMovedAsync"/>, <see cref="ICitizenReportGrain.IncidentMovedAsync"/>).
/// Nothing here names a unit, a crew or a note.
/// </summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="Number">Its number for people.</param>
/// <param name="Dispatched">How many patrols were ever sent to it.</param>
/// <param name="LatestDistanceMeters">How far the patrol sent last was when it was sent, if its position was known.</param>
/// <param name="OnScene">Whether a patrol reached the scene.</param>
/// <param name="Ended">Whether it was closed or cancelled.</param>
/// <param name="PublicNote">What the dispatcher who closed it wrote for the citizen, if anything.</param>
/// <param name="EndedBy">Who closed it (<see cref="Actors"/>), when it ended.</param>
[GenerateSerializer, Immutable, Alias("Sos.IncidentProgress")]
public sealed record IncidentProgress(
    [property: Id(0)] Guid IncidentId,
    [property: Id(1)] string Number,
    [property: Id(2)] int Dispatched,
    [property: Id(3)] double? LatestDistanceMeters,
    [property: Id(4)] bool OnScene,
    [property: Id(5)] bool Ended,
    [property: Id(6)] string? PublicNote,
    [property: Id(7)] string? EndedBy)
{
    /// <summary>The progress of <paramref name="incident"/>.</summary>
    public static IncidentProgress Of(IncidentSnapshot incident) => new(
        incident.IncidentId,
        incident.Number,
        incident.Assignments.Length,
        incident.Assignments.IsEmpty ? null : incident.Assignments[^1].DistanceMeters,
        incident.Assignments.Any(a => a.OnSceneAt is not null),
        incident.IsEnded,
        incident.IsEnded ? incident.PublicNote : null,
        incident.IsEnded ? incident.Steps[^1].Actor : null);
}

/// <summary>A citizen's SOS or report an incident is about, which it keeps told (<see cref="IncidentProgress"/>).</summary>
/// <param name="Id">The SOS session's id (its call's) or the report's.</param>
/// <param name="IsSos">An SOS session; otherwise a report.</param>
[GenerateSerializer, Immutable, Alias("Sos.CitizenItemRef")]
public sealed record CitizenItemRef(
    [property: Id(0)] Guid Id,
    [property: Id(1)] bool IsSos);
