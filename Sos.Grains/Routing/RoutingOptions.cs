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

    /// <summary>How often routing checks its deadlines (<c>Sos:Routing:TickInterval</c>).</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How often a waiting call resends itself to routing, in case the stream event that queued it was lost with a
    /// dead silo (<c>Sos:Routing:WatchdogPeriod</c>). A reminder: Orleans' minimum is one minute unless lowered.
    /// </summary>
    public TimeSpan WatchdogPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long an operator's console may stay silent before Sos signs the operator out and re-offers a call that
    /// rings them (<c>Sos:Routing:ConsoleTimeout</c>). Consoles report in every <c>Sos:Console:HeartbeatInterval</c>;
    /// keep this at about three intervals, and below <see cref="RingTimeout"/> so a lost console never costs a ring.
    /// </summary>
    public TimeSpan ConsoleTimeout { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>
    /// How often routing reads every operator's presence again from the operator grains (<c>Sos:Routing:OperatorRefreshInterval</c>).
    /// Operators tell routing when they answer, finish or end a wrap-up; this catches a notice lost with a dead silo.
    /// </summary>
    public TimeSpan OperatorRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The strategy of a centre that has not chosen one (<c>Sos:Routing:DefaultStrategy</c>).</summary>
    public RoutingStrategy DefaultStrategy { get; set; } = RoutingStrategy.LongestIdle;
}
