namespace Sos.Grains.Abstractions;

/// <summary>A test call Sos has asked of a kiosk and waits for the kiosk to answer.</summary>
/// <param name="TestId">Names the test; the kiosk reports its result under it.</param>
/// <param name="Trigger">The schedule, or an administrator.</param>
/// <param name="RequestedAt">When Sos asked (UTC).</param>
/// <param name="AnswerBy">When Sos stops waiting: no report by then is a <see cref="KioskTestOutcome.NoAnswer"/>.</param>
/// <param name="RequestedBy">The administrator who asked (named as <see cref="Actors"/> names people); null for the schedule.</param>
[GenerateSerializer, Immutable, Alias("Sos.KioskTestCall")]
public sealed record KioskTestCall(
    [property: Id(0)] Guid TestId,
    [property: Id(1)] KioskTestTrigger Trigger,
    [property: Id(2)] DateTimeOffset RequestedAt,
    [property: Id(3)] DateTimeOffset AnswerBy,
    [property: Id(4)] string? RequestedBy);
