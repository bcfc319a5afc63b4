namespace Sos.Grains.Abstractions;

/// <summary>A call was asked to move in a way its current status does not allow; it did not move.</summary>
[GenerateSerializer, Alias("Sos.InvalidCallTransitionException")]
public sealed class InvalidCallTransitionException : SosDomainException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="callId">The call.</param>
    /// <param name="status">Its status, which did not change.</param>
    /// <param name="action">What was asked, such as "accept".</param>
    /// <param name="expected">What would have allowed it, such as "Ringing operator dispatcher1".</param>
    public InvalidCallTransitionException(Guid callId, CallStatus status, string action, string expected)
        : base($"Cannot {action} call {callId}: it is {status}; expected {expected}.")
    {
        CallId = callId;
        Status = status;
    }

    /// <summary>The call.</summary>
    [Id(0)]
    public Guid CallId { get; }

    /// <summary>Its status, unchanged.</summary>
    [Id(1)]
    public CallStatus Status { get; }
}
