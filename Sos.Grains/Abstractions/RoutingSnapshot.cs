using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>What the routing of one operations centre holds now.</summary>
/// <param name="CentreId">The operations centre.</param>
/// <param name="Strategy">How it picks operators.</param>
/// <param name="Waiting">Calls waiting for an answer, in the order they will ring (queued and ringing).</param>
/// <param name="Operators">Every operator who signed in to the centre, as routing last saw them.</param>
/// <param name="Queue">The centre's queue state, as it publishes it.</param>
/// <param name="Partners">The partner centres' queue states, as they last told it.</param>
[GenerateSerializer, Immutable, Alias("Sos.RoutingSnapshot")]
public sealed record RoutingSnapshot(
    [property: Id(0)] string CentreId,
    [property: Id(1)] RoutingStrategy Strategy,
    [property: Id(2)] ImmutableArray<WaitingCall> Waiting,
    [property: Id(3)] ImmutableArray<OperatorSnapshot> Operators,
    [property: Id(4)] QueueState? Queue = null,
    [property: Id(5)] ImmutableArray<QueueState> Partners = default);
