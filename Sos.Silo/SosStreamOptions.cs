namespace Sos.Silo;

/// <summary>Stream settings, bound from <c>Sos:Streams</c>.</summary>
public sealed class SosStreamOptions
{
    /// <summary>
    /// How often stream pulling agents look for new events (<c>Sos:Streams:PollInterval</c>). It bounds how long a
    /// press waits on the stream before routing sees it; Orleans' default is 100 ms.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// How often the pulling agents of the press stream (kiosks → routing) look for new presses
    /// (<c>Sos:Streams:PressPollInterval</c>): on the press path, so polled more often, over fewer queues
    /// (<c>Sos:Streams:PressQueues</c>).
    /// </summary>
    public TimeSpan PressPollInterval { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Queues of the press stream (<c>Sos:Streams:PressQueues</c>); each is polled every <see cref="PressPollInterval"/>.</summary>
    public int PressQueues { get; set; } = 2;
}
