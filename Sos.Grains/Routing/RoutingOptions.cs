using Sos.Grains.Abstractions;

namespace Sos.Grains.Routing;

/// <summary>Routing timings and defaults, bound from <c>Sos:Routing</c>.</summary>
public sealed class RoutingOptions
{
    /// <summary>How long a call rings one operator before it is offered to the next (<c>Sos:Routing:RingTimeout</c>).</summary>
    public TimeSpan RingTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Offers missed in a row that put an operator on Break (<c>Sos:Routing:MissedOffersBeforeBreak</c>).</summary>
    public int MissedOffersBeforeBreak { get; set; } = 2;

    /// <summary>Wrap-up after each call before the next offer (<c>Sos:Routing:WrapUpDuration</c>).</summary>
    public TimeSpan WrapUpDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Waiting longer than this without an answer raises an escalation (<c>Sos:Routing:ServiceLevelThreshold</c>).</summary>
    public TimeSpan ServiceLevelThreshold { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often routing, ringing calls and watched operators check their deadlines (<c>Sos:Routing:TickInterval</c>).</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How often routing catches up with its centre's durable waiting list (<c>Sos:Routing:WaitingListInterval</c>): a
    /// routing request lost with a dead silo costs at most this long.
    /// </summary>
    public TimeSpan WaitingListInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long past a ring routing waits to hear from a call it asked to ring before it asks the call where it is
    /// (<c>Sos:Routing:OfferGrace</c>); this wakes a call whose silo died while it rang.
    /// </summary>
    public TimeSpan OfferGrace { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long an operator's console may stay silent before Sos signs the operator out and re-offers a call that
    /// rings them (<c>Sos:Routing:ConsoleTimeout</c>). Consoles report in every <c>Sos:Console:HeartbeatInterval</c>;
    /// keep this at about three intervals, and below <see cref="RingTimeout"/> so a lost console never costs a ring.
    /// </summary>
    public TimeSpan ConsoleTimeout { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>The strategy of a centre that has not chosen one (<c>Sos:Routing:DefaultStrategy</c>).</summary>
    public RoutingStrategy DefaultStrategy { get; set; } = RoutingStrategy.LongestIdle;
}
