using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>
/// One call session, keyed by its id. It is the arbiter of its own status: every transition is checked
/// here and a wrong one throws <see cref="InvalidCallTransitionException"/> with the state unchanged.
/// Kiosks open and join calls; routing rings, connects and closes them; the connected operator writes notes.
/// </summary>
public interface ICallSessionGrain : IGrainWithGuidKey
{
    /// <summary>Opens the call as Queued. Opening an open call again returns it unchanged.</summary>
    Task<CallSnapshot> OpenAsync(CallOpening opening);

    /// <summary>
    /// A further press on the kiosk: joins the call when it is still open (press count up, priority raised)
    /// and returns the call; returns null when the call is no longer open, so the kiosk opens a new one.
    /// </summary>
    Task<CallSnapshot?> JoinPressAsync(Guid pressId, DateTimeOffset pressedAt);

    /// <summary>Routing offers the call to these operators (Queued or Ringing → Ringing, attempt up).</summary>
    Task<CallSnapshot> RingAsync(ImmutableArray<string> operators);

    /// <summary>
    /// Routing takes the offer back (Ringing → Queued): the operators let it ring out (<paramref name="missed"/>),
    /// or they left, or the offer ended for another reason given in <paramref name="reason"/>.
    /// </summary>
    Task<CallSnapshot> ReturnToQueueAsync(bool missed, string reason);

    /// <summary>The operator answers (Ringing that operator → Connected).</summary>
    Task<CallSnapshot> ConnectAsync(string login);

    /// <summary>The connected operator ends the conversation with a disposition (Connected → WrapUp).</summary>
    Task<CallSnapshot> BeginWrapUpAsync(string login, CallClosure closure);

    /// <summary>The wrap-up is over (WrapUp → Closed).</summary>
    Task<CallSnapshot> CloseAsync(string actor);

    /// <summary>
    /// The person at the kiosk hung up: Queued or Ringing → Abandoned (kept for a call back); Connected records the
    /// hang-up; a call already over is returned unchanged.
    /// </summary>
    Task<CallSnapshot> HangUpFromKioskAsync();

    /// <summary>The connected operator's notes (while Connected or in WrapUp); saved as typed.</summary>
    Task<CallSnapshot> UpdateNotesAsync(string login, string notes);

    /// <summary>The connected operator records the incident category and the patrol sent, if any.</summary>
    Task<CallSnapshot> RecordIncidentAsync(string login, string? category, string? patrolUnit);

    /// <summary>Routing records that the call waited past the service-level threshold.</summary>
    Task<CallSnapshot> MarkEscalatedAsync();

    /// <summary>
    /// Somebody called back an abandoned call (Abandoned and waiting for a call back → called back), with what came
    /// of it; the call stays Abandoned.
    /// </summary>
    Task<CallSnapshot> CallBackAsync(string login, string outcome);

    /// <summary>
    /// Routing: a supervisor takes the call over (Queued, Ringing or Connected → Connected to the supervisor),
    /// recorded in the timeline with who and why.
    /// </summary>
    Task<CallSnapshot> TakeOverAsync(string supervisor, string reason);

    /// <summary>
    /// Routing: a supervisor gives the call to <paramref name="toLogin"/>, recorded with who and why. A connected call
    /// is connected to that operator at once; a waiting call goes back to the queue (Ringing → Queued) for routing
    /// to ring that operator next.
    /// </summary>
    Task<CallSnapshot> ReassignAsync(string supervisor, string toLogin, string reason);

    /// <summary>Returns the call; <see cref="CallSnapshot.Exists"/> is false for an id nobody opened.</summary>
    Task<CallSnapshot> GetAsync();
}
