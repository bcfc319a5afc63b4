namespace Sos.Grains.Abstractions;

/// <summary>
/// A call's state: Queued → Ringing → Connected → WrapUp → Closed, or Abandoned from Queued or Ringing.
/// </summary>
[GenerateSerializer]
public enum CallStatus
{
    /// <summary>Waiting for an operator.</summary>
    Queued = 0,

    /// <summary>Offered to one operator (or, with ring-all, several) who has not answered yet.</summary>
    Ringing = 1,

    /// <summary>An operator answered and is talking to the person.</summary>
    Connected = 2,

    /// <summary>The conversation is over; the operator finishes the notes.</summary>
    WrapUp = 3,

    /// <summary>Done.</summary>
    Closed = 4,

    /// <summary>The person hung up before anyone answered; kept for a call back.</summary>
    Abandoned = 5,
}
