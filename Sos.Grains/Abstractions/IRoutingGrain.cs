namespace Sos.Grains.Abstractions;

/// <summary>
/// Automatic call distribution for one operations centre, keyed by centre id. Presses reach it over the
/// routing-requests stream; operators' consoles call it to change presence, answer and finish calls.
/// Its state (waiting calls, offers, operators) is persisted, so it resumes where it was after a restart.
/// </summary>
public interface IRoutingGrain : IGrainWithStringKey
{
    /// <summary>Handles a routing request; the stream delivers these, and recovery resends them (idempotent).</summary>
    Task SubmitAsync(RoutingRequest request);

    /// <summary>The operator goes Available, Break or Offline; Available rings the next waiting call at once.</summary>
    Task<OperatorSnapshot> ChangePresenceAsync(string login, OperatorPresence presence);

    /// <summary>The operator answers the call that rings them; other ring-all offers stop.</summary>
    Task<CallSnapshot> AcceptAsync(string login, Guid callId);

    /// <summary>The operator ends the conversation with a disposition; their wrap-up begins.</summary>
    Task<CallSnapshot> FinishCallAsync(string login, Guid callId, CallClosure closure);

    /// <summary>The operator ends their wrap-up early; the call closes and the next waiting call may ring them.</summary>
    Task<OperatorSnapshot> EndWrapUpAsync(string login);

    /// <summary>
    /// A supervisor takes the call over: it connects to them at once, whoever it rang or was connected to, and the
    /// step is recorded in the call's timeline with <paramref name="reason"/>.
    /// </summary>
    Task<CallSnapshot> TakeOverAsync(string supervisor, Guid callId, string reason);

    /// <summary>
    /// A supervisor gives the call to <paramref name="toLogin"/>, who must be Available: a waiting call rings them
    /// next, a connected call moves to them at once. Recorded in the call's timeline with who and why.
    /// </summary>
    Task<CallSnapshot> ReassignAsync(string supervisor, Guid callId, string toLogin, string reason);

    /// <summary>
    /// The operator's open console reports in. From the first report on, an operator whose console stops reporting
    /// for <c>Sos:Routing:ConsoleTimeout</c> while Available or Ringing is signed out, and a call ringing them rings
    /// someone else. Returns the operator as routing sees them, so the console can notice a change it missed.
    /// </summary>
    Task<OperatorSnapshot> ConsoleHeartbeatAsync(string login);

    /// <summary>Chooses how the centre picks operators.</summary>
    Task SetStrategyAsync(RoutingStrategy strategy);

    /// <summary>
    /// Acts on every deadline that has passed: ring timeouts, wrap-ups, service-level escalations. A grain timer
    /// calls it every <c>Sos:Routing:TickInterval</c>; calling it more often changes nothing.
    /// </summary>
    Task TickAsync();

    /// <summary>Returns the waiting calls in ring order and the operators as routing sees them.</summary>
    Task<RoutingSnapshot> GetAsync();
}
