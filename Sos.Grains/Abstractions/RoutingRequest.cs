namespace Sos.Grains.Abstractions;

/// <summary>
/// What a kiosk sends the routing of its operations centre over the routing-requests stream: a call waits (new, or
/// its priority went up). Handling one twice changes nothing, so a resent request is safe.
/// </summary>
/// <param name="CallId">The call.</param>
/// <param name="KioskId">The kiosk that opened it.</param>
/// <param name="Priority">The call's priority now.</param>
/// <param name="WaitingSince">When the call began to wait (its opening).</param>
[GenerateSerializer, Immutable, Alias("Sos.RoutingRequest")]
public sealed record RoutingRequest(
    [property: Id(1)] Guid CallId,
    [property: Id(2)] string KioskId,
    [property: Id(3)] CallPriority Priority,
    [property: Id(4)] DateTimeOffset WaitingSince);
