namespace Sos.Grains.Abstractions;

/// <summary>Where an incident is, from its first report to its end.</summary>
[GenerateSerializer]
public enum IncidentStatus
{
    /// <summary>Reported (by the citizen app, an officer, another system); no dispatcher has worked it yet.</summary>
    New = 0,

    /// <summary>A dispatcher works it; no unit is assigned.</summary>
    Active = 1,

    /// <summary>A unit is assigned; none is moving yet.</summary>
    Assigned = 2,

    /// <summary>A unit is on its way.</summary>
    EnRoute = 3,

    /// <summary>A unit is at the scene.</summary>
    OnScene = 4,

    /// <summary>Done, with a disposition.</summary>
    Closed = 5,

    /// <summary>Ended without being handled (a duplicate report, a mistake).</summary>
    Cancelled = 6,

    /// <summary>Closed or cancelled, then opened again; worked like an active one.</summary>
    ReOpened = 7,
}
