namespace Sos.Grains.Abstractions;

/// <summary>
/// A supervisor's warning to the operator on a call that they are about to take it over: who, why, and when the
/// take-over is due. The operator's screen shows it until the supervisor takes the call or withdraws.
/// </summary>
/// <param name="Supervisor">The supervisor who takes over.</param>
/// <param name="Reason">Why, in the supervisor's words.</param>
/// <param name="At">When the take-over is due.</param>
[GenerateSerializer]
public sealed record TakeOverNotice(
    [property: Id(0)] string Supervisor,
    [property: Id(1)] string Reason,
    [property: Id(2)] DateTimeOffset At);
