namespace Sos.Grains.Abstractions;

/// <summary>
/// What kiosks send the routing of an operations centre over the routing-requests stream.
/// Handling one twice changes nothing, so a resent request (after a lost event) is safe.
/// </summary>
/// <param name="Kind">What is asked.</param>
/// <param name="CallId">The call.</param>
/// <param name="KioskId">The kiosk that opened it.</param>
/// <param name="Priority">The call's priority now.</param>
/// <param name="WaitingSince">When the call began to wait (its opening press).</param>
[GenerateSerializer, Immutable, Alias("Sos.RoutingRequest")]
public sealed record RoutingRequest(
    [property: Id(0)] RoutingRequestKind Kind,
    [property: Id(1)] Guid CallId,
    [property: Id(2)] string KioskId,
    [property: Id(3)] CallPriority Priority,
    [property: Id(4)] DateTimeOffset WaitingSince);
