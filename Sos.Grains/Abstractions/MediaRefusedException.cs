namespace Sos.Grains.Abstractions;

/// <summary>
/// A media request that cannot be served as asked: the call is over (<c>call-ended</c>), the party is not the call's
/// (<c>not-on-call</c>), the SDP is not one (<c>sdp-invalid</c>). <see cref="SosDomainException.Reason"/> is the machine code.
/// </summary>
[GenerateSerializer, Alias("Sos.MediaRefusedException")]
public sealed class MediaRefusedException : SosDomainException
{
    /// <summary>A refusal for <paramref name="reason"/>.</summary>
    public MediaRefusedException(string reason, string message)
        : base(reason, message)
    {
    }
}
