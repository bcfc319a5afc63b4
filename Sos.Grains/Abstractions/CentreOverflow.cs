using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>
/// When a centre's waiting calls overflow to partner centres, and the state its queue publishes. A call that overflows
/// waits in the partners' queues as well as its own; whichever centre's operator is offered it first rings, and it
/// keeps its home centre in history and figures.
/// </summary>
/// <param name="Partners">Centres the calls may overflow to, in no order: each gets them while it is Active with someone free.</param>
/// <param name="After">A call waiting longer than this overflows; null: never for its wait alone.</param>
/// <param name="WhenNobodyAvailable">A call overflows at once while no operator of the centre is free.</param>
/// <param name="MaxQueue">The queue reads Full from this many waiting calls on (and its calls overflow); 0: no limit.</param>
/// <param name="State">The state an administrator set; any state but Active sends every waiting call to the partners.</param>
[GenerateSerializer, Immutable, Alias("Sos.CentreOverflow")]
public sealed record CentreOverflow(
    [property: Id(0)] ImmutableArray<string> Partners,
    [property: Id(1)] TimeSpan? After,
    [property: Id(2)] bool WhenNobodyAvailable,
    [property: Id(3)] int MaxQueue,
    [property: Id(4)] QueueStateKind State)
{
    /// <summary>No partners: calls never leave the centre.</summary>
    public static readonly CentreOverflow None = new([], null, false, 0, QueueStateKind.Active);
}
