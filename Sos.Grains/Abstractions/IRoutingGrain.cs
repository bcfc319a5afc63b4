using Orleans.Concurrency;

namespace Sos.Grains.Abstractions;

/// <summary>
/// Automatic call distribution for one operations centre, keyed by centre id. Presses reach it over the
/// routing-requests stream; operators' consoles call it to change presence; operators answer and finish calls on
/// their own grain, which tells routing one way (<see cref="OperatorChangedAsync"/>). Its waiting calls are
/// persisted, so it resumes where it was after a restart; operators' presences are read again from their grains.
/// </summary>
public interface IRoutingGrain : IGrainWithStringKey
{
    /// <summary>Handles a routing request; the stream delivers these, and recovery resends them (idempotent).</summary>
    Task SubmitAsync(RoutingRequest request);

    /// <summary>The operator goes Available, Break or Offline; Available rings the next waiting call at once.</summary>
    Task<OperatorSnapshot> ChangePresenceAsync(string login, OperatorPresence presence);

    /// <summary>
    /// An operator grain tells routing that the operator moved on their own (answered, finished a call, ended a
    /// wrap-up). An answered call stops ringing the other ring-all operators and leaves the queue; an operator who is
    /// free again may be rung at once. One way: the operator never waits for routing, which waits for operators.
    /// A notice older than what routing already saw of the operator is ignored.
    /// </summary>
    [OneWay]
    Task OperatorChangedAsync(OperatorSnapshot seen);

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
