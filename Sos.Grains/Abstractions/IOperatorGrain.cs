using Orleans.Concurrency;

namespace Sos.Grains.Abstractions;

/// <summary>
/// One operator (dispatcher), keyed by login: the one owner of their presence, their console's liveness and their
/// counters. Every change, and every console heartbeat, is told to the centre's routing one way. Operators await
/// calls (answering, finishing) and the centre's roster; calls tell operators one way when to ring and stop.
/// </summary>
public interface IOperatorGrain : IGrainWithStringKey
{
    /// <summary>Returns the operator's presence, call and counters.</summary>
    Task<OperatorSnapshot> GetAsync();

    /// <summary>
    /// The operator chooses Available, Break or Offline in <paramref name="centreId"/>. Refused while on a call or in
    /// wrap-up; from Ringing it leaves the offer (the call waits again, without a miss).
    /// </summary>
    Task<OperatorSnapshot> ChangePresenceAsync(string centreId, OperatorPresence presence);

    /// <summary>
    /// A call asks the operator to ring with it. A free operator rings (in memory: a ring is not written); one who is
    /// not free declines it back to the call. One way.
    /// </summary>
    [OneWay]
    Task RingAsync(OperatorRing ring);

    /// <summary>
    /// The call's offer (attempt <paramref name="attempt"/>) ended without an answer from this operator; the word of an
    /// older attempt never ends a newer ring. When <paramref name="missed"/> they let it ring out, and after too many
    /// in a row they are put on Break. One way.
    /// </summary>
    [OneWay]
    Task StopRingingAsync(Guid callId, int attempt, bool missed);

    /// <summary>
    /// The operator answers the call that rings them (→ OnCall; the call → Connected). The call decides: a call that
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
    /// The wrap-up is over, ended by the operator or by their own timer when its time is up: the call closes and the
    /// operator is Available (WrapUp → Available). Refused when they are not wrapping up.
    /// </summary>
    Task<OperatorSnapshot> EndWrapUpAsync();

    /// <summary>
    /// The operator's open console reports in. From the first report on, an operator whose console stops reporting
    /// for <c>Sos:Routing:ConsoleTimeout</c> while Available or Ringing is signed out, and a call ringing them rings
    /// someone else. Returns the operator, so the console can notice a change it missed.
    /// </summary>
    Task<OperatorSnapshot> HeartbeatAsync();

    /// <summary>Tells the centre's routing where the operator is (routing asks this when it starts). One way.</summary>
    [OneWay]
    Task AnnounceAsync();

    /// <summary>
    /// Acts on what fell due: a console silent for too long, a wrap-up whose time is up. Its timer calls it every
    /// <c>Sos:Routing:TickInterval</c> while there is something to watch; calling it more often changes nothing.
    /// </summary>
    Task TickAsync();

    /// <summary>
    /// Supervision: a supervisor put the operator on <paramref name="callId"/> (take-over or reassignment): → OnCall in
    /// <paramref name="centreId"/>. Refused while on another call or in wrap-up; a call ringing them rings someone else.
    /// </summary>
    Task<OperatorSnapshot> TakeCallAsync(string centreId, Guid callId);

    /// <summary>Supervision: a supervisor moved the operator's call to someone else (OnCall with that call → Available).</summary>
    Task<OperatorSnapshot> ReleaseCallAsync(Guid callId, PresenceCause cause);
}
