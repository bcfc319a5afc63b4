namespace Sos.Grains.Abstractions;

/// <summary>What a routing request asks of the operations centre's routing.</summary>
[GenerateSerializer]
public enum RoutingRequestKind
{
    /// <summary>A new call waits for an operator.</summary>
    CallQueued = 0,

    /// <summary>A waiting call's priority went up (another press).</summary>
    PriorityRaised = 1,

    /// <summary>The person hung up before an answer: stop offering the call.</summary>
    CallAbandoned = 2,
}
