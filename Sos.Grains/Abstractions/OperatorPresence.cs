namespace Sos.Grains.Abstractions;

/// <summary>An operator's presence.</summary>
[GenerateSerializer]
public enum OperatorPresence
{
    /// <summary>Not signed in to a centre.</summary>
    Offline = 0,

    /// <summary>Ready to take a call.</summary>
    Available = 1,

    /// <summary>A call rings this operator.</summary>
    Ringing = 2,

    /// <summary>Talking to a person.</summary>
    OnCall = 3,

    /// <summary>Finishing the notes of the last call.</summary>
    WrapUp = 4,

    /// <summary>On a break (chosen, or put there after missing offers).</summary>
    Break = 5,
}
