namespace Sos.Grains.Abstractions;

/// <summary>How an operations centre picks the operator a waiting call rings.</summary>
[GenerateSerializer]
public enum RoutingStrategy
{
    /// <summary>The operator who has been available the longest.</summary>
    LongestIdle = 0,

    /// <summary>Each available operator in turn, by login.</summary>
    RoundRobin = 1,

    /// <summary>The operator with the least talk time.</summary>
    LeastTalkTime = 2,

    /// <summary>Every available operator at once; the first to accept wins.</summary>
    RingAll = 3,
}
