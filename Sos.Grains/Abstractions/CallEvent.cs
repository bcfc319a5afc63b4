namespace Sos.Grains.Abstractions;

/// <summary>One step in a call's timeline.</summary>
/// <param name="At">When it happened (UTC, the server's clock).</param>
/// <param name="Kind">What happened.</param>
/// <param name="Actor">Who did it: <c>kiosk:&lt;id&gt;</c>, <c>operator:&lt;login&gt;</c> or <c>system</c>.</param>
/// <param name="Detail">Free text: the operators rung, the reason, the disposition.</param>
[GenerateSerializer, Immutable, Alias("Sos.CallEvent")]
public sealed record CallEvent(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] CallEventKind Kind,
    [property: Id(2)] string Actor,
    [property: Id(3)] string? Detail);
