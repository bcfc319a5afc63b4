namespace Sos.Grains.Abstractions;

/// <summary>What happened at one step of a call's timeline.</summary>
[GenerateSerializer]
public enum CallEventKind
{
    /// <summary>The press that opened the call.</summary>
    Pressed = 0,

    /// <summary>A further press on the kiosk joined the open call.</summary>
    PressJoined = 1,

    /// <summary>The call waits for an operator (first time or again).</summary>
    Queued = 2,

    /// <summary>The call rings an operator.</summary>
    Ringing = 3,

    /// <summary>An operator let the ring time out.</summary>
    Missed = 4,

    /// <summary>An offer was taken back without the operator missing it (the operator left, another answered).</summary>
    OfferWithdrawn = 5,

    /// <summary>An operator answered.</summary>
    Connected = 6,

    /// <summary>The person at the kiosk hung up after the answer.</summary>
    KioskHungUp = 7,

    /// <summary>The person hung up before an answer.</summary>
    Abandoned = 8,

    /// <summary>The operator changed the notes.</summary>
    NotesUpdated = 9,

    /// <summary>The operator recorded the incident category or a patrol.</summary>
    IncidentRecorded = 10,

    /// <summary>The call waited past the service-level threshold; supervisors were alerted.</summary>
    Escalated = 11,

    /// <summary>The conversation ended with a disposition; the operator wraps up.</summary>
    WrapUpStarted = 12,

    /// <summary>The call is closed.</summary>
    Closed = 13,

    /// <summary>Somebody called back an abandoned call; the detail says what came of it.</summary>
    CalledBack = 14,

    /// <summary>A supervisor took the call over themselves; the detail says from whom and why.</summary>
    TakenOver = 15,

    /// <summary>A supervisor gave the call to another operator; the detail says to whom and why.</summary>
    Reassigned = 16,

    /// <summary>The call's recording is kept: the detail holds its manifest's SHA-256.</summary>
    RecordingKept = 17,

    /// <summary>Something about the call's media worth knowing afterwards (no media server, media moved, a listener).</summary>
    Media = 18,

    /// <summary>A supervisor warned the operator that they take the call over; the detail says when and why.</summary>
    TakeOverAnnounced = 19,

    /// <summary>A supervisor withdrew a take-over they had announced; the operator keeps the call.</summary>
    TakeOverWithdrawn = 20,

    /// <summary>The call joined an incident (opened from it, or another report of the same event); the detail names it.</summary>
    IncidentJoined = 21,
}
