namespace Sos.Grains.Abstractions;

/// <summary>A step a unit's crew reports on its assignment.</summary>
[GenerateSerializer]
public enum AssignmentStep
{
    /// <summary>The crew saw the assignment.</summary>
    Acknowledged = 0,

    /// <summary>On the way (the unit → EnRoute).</summary>
    EnRoute = 1,

    /// <summary>Arrived (the unit → OnScene).</summary>
    OnScene = 2,

    /// <summary>Done at the scene: the unit is released and Available again.</summary>
    Cleared = 3,
}
