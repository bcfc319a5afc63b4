namespace Sos.Grains.Abstractions;

/// <summary>One operations centre's queue as it publishes it (NENA i3 QueueState), live, to consoles and partner centres.</summary>
/// <param name="CentreId">The centre.</param>
/// <param name="Length">Calls waiting in its queue now (its own and those partners overflowed to it).</param>
/// <param name="Maximum">The most calls it holds before it reads Full; 0 for no limit.</param>
/// <param name="State">Its state.</param>
/// <param name="FreeOperators">Operators free to take a call now.</param>
/// <param name="At">When it said so.</param>
[GenerateSerializer, Immutable, Alias("Sos.QueueState")]
public sealed record QueueState(
    [property: Id(0)] string CentreId,
    [property: Id(1)] int Length,
    [property: Id(2)] int Maximum,
    [property: Id(3)] QueueStateKind State,
    [property: Id(4)] int FreeOperators,
    [property: Id(5)] DateTimeOffset At);
