using Orleans.Concurrency;

namespace Sos.Grains.Abstractions;

/// <summary>
/// One call session, keyed by its id. It is the arbiter of its own status and the one owner of its offer (who it
/// rings, on which attempt, until when): every transition is checked here and a wrong one throws
/// <see cref="InvalidCallTransitionException"/> with the state unchanged. It runs its own ring timer, and tells its
/// centre's routing one way (<see cref="IRoutingGrain.CallChangedAsync"/>) whenever its part in routing changes.
/// Calls await the waiting list and the call log only; they tell operators, kiosks and routing one way.
/// </summary>
public interface ICallSessionGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Opens the call as Queued and adds it to its centre's waiting list, side by side; returns once both are
    /// durable. Opening an open call again returns it unchanged (and makes sure a waiting one is in the list).
    /// </summary>
    Task<CallSnapshot> OpenAsync(CallOpening opening);

    /// <summary>
    /// A further press on the kiosk: joins the call when it is still open (press count up, priority raised)
    /// and returns the call; returns null when the call is no longer open, so the kiosk opens a new one.
    /// </summary>
    Task<CallSnapshot?> JoinPressAsync(Guid pressId, DateTimeOffset pressedAt);

    /// <summary>
    /// Routing's offer: a Queued call whose attempt count is one below <see cref="CallOffer.Attempt"/> rings the
    /// operators until <c>Sos:Routing:RingTimeout</c> has passed (Queued → Ringing). Anything else is refused as stale.
    /// Either way routing is told, one way, what the call now is. Routing sends it one way.
    /// </summary>
    [OneWay]
    Task OfferAsync(CallOffer offer);

    /// <summary>
    /// An operator the call rings cannot take it (no longer free) or left (<paramref name="reason"/>): they leave the
    /// offer, without a miss; when nobody is left it waits again (Ringing → Queued). A stale attempt changes nothing.
    /// </summary>
    [OneWay]
    Task DeclineAsync(string login, int attempt, string reason);

    /// <summary>The operator answers (Ringing that operator → Connected); the call leaves the waiting list.</summary>
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

    /// <summary>
    /// The connected operator's notes (while Connected or in WrapUp); saved as typed. With <paramref name="basedOn"/>
    /// (the notes the writer's copy started from) a copy that is no longer the call's is refused with
    /// <see cref="NotesConflictException"/> instead of overwriting what another window of the operator saved.
    /// </summary>
    Task<CallSnapshot> UpdateNotesAsync(string login, string notes, string? basedOn = null);

    /// <summary>
    /// Called by an incident: the call is about it (its id and number are kept, a timeline entry says so). Joining the
    /// same incident again changes nothing; a call that is about another incident is refused (<c>call-has-incident</c>).
    /// Refused for a call that does not exist.
    /// </summary>
    Task<CallSnapshot> JoinIncidentAsync(Guid incidentId, string incidentNumber, string actor);

    /// <summary>The connected operator records the incident category and the patrol sent, if any.</summary>
    Task<CallSnapshot> RecordIncidentAsync(string login, string? category, string? patrolUnit);

    /// <summary>
    /// Routing: the call waited past the service-level threshold. Recorded once in the timeline and published on the
    /// centre's escalations stream; a call already escalated, or no longer waiting, is unchanged.
    /// </summary>
    Task<CallSnapshot> MarkEscalatedAsync();

    /// <summary>
    /// Somebody called back an abandoned call (Abandoned and waiting for a call back → called back), with what came
    /// of it; the call stays Abandoned.
    /// </summary>
    Task<CallSnapshot> CallBackAsync(string login, string outcome);

    /// <summary>
    /// A supervisor warns the operator connected to the call that they take it over at <paramref name="at"/>
    /// (Connected to someone else; recorded in the timeline, shown on the operator's screen). Announcing again
    /// replaces the notice.
    /// </summary>
    Task<CallSnapshot> AnnounceTakeOverAsync(string supervisor, string reason, DateTimeOffset at);

    /// <summary>The supervisor withdraws the take-over they announced; a call with no such notice is unchanged.</summary>
    Task<CallSnapshot> WithdrawTakeOverAsync(string supervisor);

    /// <summary>
    /// A supervisor takes the call over (Queued, Ringing or Connected → Connected to the supervisor), recorded in the
    /// timeline with who and why; operators it rang stop ringing.
    /// </summary>
    Task<CallSnapshot> TakeOverAsync(string supervisor, string reason);

    /// <summary>
    /// A supervisor gives the call to <paramref name="toLogin"/>, recorded with who and why. A connected call is
    /// connected to that operator at once; a waiting call rings that operator next, as a new offer it makes itself.
    /// </summary>
    Task<CallSnapshot> ReassignAsync(string supervisor, string toLogin, string reason);

    /// <summary>
    /// Acts on the ring deadline when it has passed (Ringing → Queued, a miss for those it rang) and tells routing
    /// where the call is. Its timer calls it every <c>Sos:Routing:TickInterval</c> while it rings; routing calls it
    /// for an offer it has heard nothing of; calling it more often changes nothing.
    /// </summary>
    Task TickAsync();

    /// <summary>
    /// The call's media or evidence reports a step for the timeline: <see cref="CallEventKind.RecordingKept"/> (its
    /// manifest's hash) or <see cref="CallEventKind.Media"/>. The same step twice is recorded once; other kinds are refused.
    /// </summary>
    Task<CallSnapshot> NoteMediaAsync(CallEventKind kind, string detail);

    /// <summary>
    /// The citizen of an SOS call, as their session tells it now (a new fix, the battery, the chat). A chat message is
    /// written at once; a fix may be written a second later, as a joined press is.
    /// </summary>
    Task<CallSnapshot> UpdateCitizenAsync(CitizenCaller citizen);

    /// <summary>Returns the call; <see cref="CallSnapshot.Exists"/> is false for an id nobody opened.</summary>
    Task<CallSnapshot> GetAsync();
}
