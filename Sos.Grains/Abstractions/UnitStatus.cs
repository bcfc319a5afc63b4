namespace Sos.Grains.Abstractions;

/// <summary>What a patrol unit (наряд) is doing.</summary>
[GenerateSerializer]
public enum UnitStatus
{
    /// <summary>Not on duty.</summary>
    Off = 0,

    /// <summary>On duty and free to be sent.</summary>
    Available = 1,

    /// <summary>Sent to an incident; not yet moving.</summary>
    Dispatched = 2,

    /// <summary>On the way to the incident.</summary>
    EnRoute = 3,

    /// <summary>At the incident.</summary>
    OnScene = 4,

    /// <summary>On duty, doing something else (a report, a prisoner transport).</summary>
    Busy = 5,

    /// <summary>On a break.</summary>
    Break = 6,

    /// <summary>Cannot be sent (the car is broken, the crew is missing).</summary>
    OutOfService = 7,
}
