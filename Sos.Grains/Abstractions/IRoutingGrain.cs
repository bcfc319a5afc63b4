using Orleans.Concurrency;

namespace Sos.Grains.Abstractions;

/// <summary>
/// Automatic call distribution for one operations centre, keyed by centre id: a matchmaker with no durable state of
/// its own. It holds in memory the centre's waiting calls and its operators as they last told it, and matches them by
/// the centre's strategy. It never waits for a call or an operator: it asks calls to ring (one way), and calls and
/// operators tell it, one way, what became of that. After a restart it rebuilds from the centre's waiting list and
/// from operators announcing themselves.
/// </summary>
public interface IRoutingGrain : IGrainWithStringKey
{
    /// <summary>A call waits (or its priority went up): the stream delivers these, kiosks resend them; idempotent.</summary>
    Task SubmitAsync(RoutingRequest request);

    /// <summary>
    /// An operator tells routing where they are: every presence change, every console heartbeat, and when asked to
    /// announce themselves. One way: operators never wait for routing.
    /// </summary>
    [OneWay]
    Task OperatorChangedAsync(OperatorSnapshot seen);

    /// <summary>A call tells routing its part in routing changed (see <see cref="CallNotice"/>). One way.</summary>
    [OneWay]
    Task CallChangedAsync(CallNotice notice);

    /// <summary>Chooses how the centre picks operators (kept by the centre grain).</summary>
    Task SetStrategyAsync(RoutingStrategy strategy, string actor);

    /// <summary>Sets when the centre's calls overflow to partner centres (kept by the centre grain).</summary>
    Task SetOverflowAsync(CentreOverflow overflow, string actor);

    /// <summary>
    /// A partner centre tells its queue state. With <paramref name="wantsMine"/>, it overflows to this centre and asks
    /// for this centre's state in return, every second while it does. One way.
    /// </summary>
    [OneWay]
    Task PartnerStateAsync(QueueState state, bool wantsMine);

    /// <summary>A partner centre's waiting call overflows here: it waits in this queue too, until it is answered anywhere. One way.</summary>
    [OneWay]
    Task TakeOverflowAsync(WaitingEntry call, string homeCentreId);

    /// <summary>
    /// Acts on what fell due: escalations, offers the call never answered for, and catching up with the waiting list.
    /// A grain timer calls it every <c>Sos:Routing:TickInterval</c>; calling it more often changes nothing.
    /// </summary>
    Task TickAsync();

    /// <summary>Returns the waiting calls in ring order and the operators as routing last heard of them.</summary>
    Task<RoutingSnapshot> GetAsync();
}
