namespace Sos.Grains.Abstractions;

/// <summary>How a call ended.</summary>
[GenerateSerializer]
public enum CallDisposition
{
    /// <summary>The operator helped without sending anyone.</summary>
    HelpGiven = 0,

    /// <summary>A patrol was sent.</summary>
    PatrolSent = 1,

    /// <summary>Pressed by mistake, nothing happened.</summary>
    FalseAlarm = 2,

    /// <summary>A prank.</summary>
    Prank = 3,

    /// <summary>A test press (commissioning, maintenance).</summary>
    Test = 4,

    /// <summary>The person hung up before an answer.</summary>
    Abandoned = 5,

    /// <summary>Handed over to another service.</summary>
    Transferred = 6,
}
