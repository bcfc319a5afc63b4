namespace Sos.Grains.Abstractions;

/// <summary>A queue's state as NENA i3 QueueState names it, which partner centres read to decide overflow.</summary>
[GenerateSerializer]
public enum QueueStateKind
{
    /// <summary>Taking calls.</summary>
    Active = 0,

    /// <summary>Not taking calls now (for instance closed for the night).</summary>
    Inactive = 1,

    /// <summary>Switched off by an administrator.</summary>
    Disabled = 2,

    /// <summary>Holding as many calls as its maximum allows.</summary>
    Full = 3,

    /// <summary>Staffed, but taking calls only when others overflow to it.</summary>
    Standby = 4,
}
