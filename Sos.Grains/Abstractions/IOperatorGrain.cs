namespace Sos.Grains.Abstractions;

/// <summary>
/// One operator (dispatcher), keyed by login: presence, current call and counters. The operator's own moves on a
/// call (answer, close, end the wrap-up) are made here, checked by the call grain, and then told to the centre's
/// <see cref="IRoutingGrain"/> one way. Presence choices and every ring go through routing, which calls the methods
/// marked "Routing:" so that who rings when is decided in one place.
/// </summary>
public interface IOperatorGrain : IGrainWithStringKey
{
    /// <summary>Returns the operator's presence, call and counters.</summary>
    Task<OperatorSnapshot> GetAsync();

    /// <summary>
    /// Routing: the operator chose Available, Break or Offline in <paramref name="centreId"/>. Refused while
    /// on a call or in wrap-up; from Ringing it releases the offer (routing re-queues the call).
    /// </summary>
    Task<OperatorSnapshot> ChangePresenceAsync(string centreId, OperatorPresence presence);

    /// <summary>
    /// Routing: ring this operator with the call. Returns the operator unchanged (not ringing) when they
    /// are not Available, so routing picks someone else.
    /// </summary>
    Task<OperatorSnapshot> RingAsync(Guid callId);

    /// <summary>
    /// Routing: the offer of <paramref name="callId"/> ended without an answer from this operator. When
    /// <paramref name="missed"/> they let it ring out, and after too many in a row they are put on Break.
    /// </summary>
    Task<OperatorSnapshot> StopRingingAsync(Guid callId, bool missed);

    /// <summary>
    /// The operator answers the call that rings them (Ringing that call → OnCall; the call → Connected). A call that
    /// rings someone else, or no longer rings (another ring-all operator was first), is refused with
    /// <see cref="InvalidCallTransitionException"/> and nothing changes.
    /// </summary>
    Task<CallSnapshot> AnswerAsync(Guid callId);

    /// <summary>
    /// The operator ends the conversation with a disposition: the call goes to WrapUp and so do they, until
    /// <c>Sos:Routing:WrapUpDuration</c> has passed (with no wrap-up time, the call closes and they are free at once).
    /// </summary>
    Task<CallSnapshot> FinishCallAsync(Guid callId, CallClosure closure);

    /// <summary>
    /// The wrap-up is over, ended by the operator or by routing when its time is up: the call closes and the operator
    /// is Available (WrapUp → Available). Refused when they are not wrapping up.
    /// </summary>
    Task<OperatorSnapshot> EndWrapUpAsync();

    /// <summary>
    /// Routing: Sos signs the operator out (Available, Ringing or Break → Offline) for <paramref name="reason"/>, such
    /// as a console that stopped reporting in. Refused while on a call or in wrap-up.
    /// </summary>
    Task<OperatorSnapshot> SignOutAsync(string reason);

    /// <summary>
    /// Routing: a supervisor put the operator on <paramref name="callId"/> (take-over or reassignment): → OnCall in
    /// <paramref name="centreId"/>. Refused while on another call or in wrap-up.
    /// </summary>
    Task<OperatorSnapshot> TakeCallAsync(string centreId, Guid callId);

    /// <summary>Routing: a supervisor moved the operator's call to someone else (OnCall with that call → Available).</summary>
    Task<OperatorSnapshot> ReleaseCallAsync(Guid callId, string reason);
}
