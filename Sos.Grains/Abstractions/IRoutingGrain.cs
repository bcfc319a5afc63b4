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
