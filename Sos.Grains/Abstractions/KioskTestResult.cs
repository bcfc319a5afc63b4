namespace Sos.Grains.Abstractions;

/// <summary>One test call of a kiosk, as it ended.</summary>
/// <param name="Test">The test Sos asked for.</param>
/// <param name="EndedAt">When it ended (UTC).</param>
/// <param name="Outcome">Passed, failed, no answer, or interrupted by a press.</param>
/// <param name="Report">What the kiosk reported; null when it did not answer.</param>
/// <param name="Detail">Why Sos judged it so, in a sentence.</param>
[GenerateSerializer, Immutable, Alias("Sos.KioskTestResult")]
public sealed record KioskTestResult(
    [property: Id(0)] KioskTestCall Test,
    [property: Id(1)] DateTimeOffset EndedAt,
    [property: Id(2)] KioskTestOutcome Outcome,
    [property: Id(3)] KioskSelfTest? Report,
    [property: Id(4)] string Detail);
