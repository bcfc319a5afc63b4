namespace Sos.Grains.Abstractions;

/// <summary>How a kiosk's test call ended.</summary>
[GenerateSerializer]
public enum KioskTestOutcome
{
    /// <summary>The kiosk answered, and its camera, audio and media path work.</summary>
    Passed = 0,

    /// <summary>The kiosk answered, and something it checked does not work.</summary>
    Failed = 1,

    /// <summary>The kiosk did not answer within <c>Sos:Kiosks:TestAnswerTimeout</c>.</summary>
    NoAnswer = 2,

    /// <summary>A press came first: a real call never waits for a test, which is asked again later.</summary>
    Interrupted = 3,
}
