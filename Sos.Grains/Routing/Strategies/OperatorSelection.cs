using Sos.Grains.Abstractions;

namespace Sos.Grains.Routing.Strategies;

/// <summary>The strategy object for each <see cref="RoutingStrategy"/>.</summary>
public static class OperatorSelection
{
    private static readonly IOperatorSelectionStrategy LongestIdle = new LongestIdleStrategy();
    private static readonly IOperatorSelectionStrategy RoundRobin = new RoundRobinStrategy();
    private static readonly IOperatorSelectionStrategy LeastTalkTime = new LeastTalkTimeStrategy();
    private static readonly IOperatorSelectionStrategy RingAll = new RingAllStrategy();

    /// <summary>Returns the strategy that implements <paramref name="strategy"/>.</summary>
    public static IOperatorSelectionStrategy For(RoutingStrategy strategy) => strategy switch
    {
        RoutingStrategy.RoundRobin => RoundRobin,
        RoutingStrategy.LeastTalkTime => LeastTalkTime,
        RoutingStrategy.RingAll => RingAll,
        _ => LongestIdle,
    };
}
