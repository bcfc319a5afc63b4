namespace Sos.Silo;

/// <summary>Stream settings, bound from <c>Sos:Streams</c>.</summary>
public sealed class SosStreamOptions
{
    /// <summary>
    /// How often stream pulling agents look for new events (<c>Sos:Streams:PollInterval</c>). It bounds how long a
    /// press waits on the stream before routing sees it; Orleans' default is 100 ms.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(10);
}
