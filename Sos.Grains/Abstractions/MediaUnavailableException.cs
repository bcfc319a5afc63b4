namespace Sos.Grains.Abstractions;

/// <summary>No media server can serve the call now (none configured, none answering, or media switched off).</summary>
[GenerateSerializer, Alias("Sos.MediaUnavailableException")]
public sealed class MediaUnavailableException : SosDomainException
{
    /// <summary>Media is unavailable, for the reason in <paramref name="message"/>.</summary>
    public MediaUnavailableException(string message)
        : base(message)
    {
    }
}
