using System.Collections.Immutable;
using Sos.Grains.Abstractions;

namespace Sos.Grains.Citizens;

/// <summary>
/// What a citizen is told of the incident their SOS or report is about, from its <see cref="IncidentProgress"/>: its
/// number, each patrol sent (with about when it arrives), the first one on the scene, and the end with the
/// dispatcher's public note. Each once, whatever order or how often the incident's notices come.
/// </summary>
public static class CitizenFollowUp
{
    /// <summary>The events <paramref name="told"/> lacks for <paramref name="progress"/>, appended in order.</summary>
    public static ImmutableArray<CitizenStatusEvent> Tell(
        ImmutableArray<CitizenStatusEvent> told, IncidentProgress progress, double patrolSpeedKmh, DateTimeOffset now)
    {
        var events = told.ToBuilder();
        void Add(string kind, string? text, int? eta = null) => events.Add(new CitizenStatusEvent(events.Count + 1, now, kind, text, eta));

        if (!told.Any(e => e.Kind == CitizenStatusEvent.Kinds.Incident))
        {
            Add(CitizenStatusEvent.Kinds.Incident, progress.Number);
        }

        var dispatched = told.Count(e => e.Kind == CitizenStatusEvent.Kinds.PatrolDispatched);
        for (var patrol = dispatched + 1; patrol <= progress.Dispatched; patrol++)
        {
            Add(CitizenStatusEvent.Kinds.PatrolDispatched, null, patrol == progress.Dispatched ? EtaMinutes(progress.LatestDistanceMeters, patrolSpeedKmh) : null);
        }

        if (progress.OnScene && !told.Any(e => e.Kind == CitizenStatusEvent.Kinds.OnScene))
        {
            Add(CitizenStatusEvent.Kinds.OnScene, null);
        }

        if (progress.Ended && !told.Any(e => e.Kind == CitizenStatusEvent.Kinds.IncidentClosed))
        {
            Add(CitizenStatusEvent.Kinds.IncidentClosed, progress.PublicNote);
        }

        return events.Count == told.Length ? told : events.ToImmutable();
    }

    /// <summary>About how many minutes a patrol <paramref name="distanceMeters"/> away needs; null when the distance is unknown.</summary>
    public static int? EtaMinutes(double? distanceMeters, double speedKmh) =>
        distanceMeters is { } metres && speedKmh > 0 && double.IsFinite(metres) && metres >= 0
            ? Math.Max(1, (int)Math.Ceiling(metres / (speedKmh * 1000 / 60)))
            : null;
}
