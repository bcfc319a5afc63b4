namespace Sos.Grains.Abstractions;

/// <summary>A call id that does not exist, or belongs to another kiosk.</summary>
[GenerateSerializer, Alias("Sos.UnknownCallException")]
public sealed class UnknownCallException : SosDomainException
{
    /// <summary>Creates the exception.</summary>
    public UnknownCallException(Guid callId, string reason)
        : base($"Call {callId} {reason}.")
    {
        CallId = callId;
    }

    /// <summary>The call id asked for.</summary>
    [Id(0)]
    public Guid CallId { get; }
}
