namespace Sos.Grains.Abstractions;

/// <summary>
/// One operator (dispatcher), keyed by login: presence, current call and counters. Consoles read it;
/// presence changes and call handling go through the centre's <see cref="IRoutingGrain"/>, which calls the
/// methods below so that every routing decision for a centre is taken in one place.
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

    /// <summary>Routing: the operator answered (Ringing that call → OnCall).</summary>
    Task<OperatorSnapshot> ConnectAsync(Guid callId);

    /// <summary>Routing: the conversation is over (OnCall → WrapUp until <paramref name="until"/>).</summary>
    Task<OperatorSnapshot> BeginWrapUpAsync(Guid callId, DateTimeOffset until);

    /// <summary>Routing: the wrap-up is over, by time or by the operator (WrapUp → Available).</summary>
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
