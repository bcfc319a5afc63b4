using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Sos.Grains.Streams;

/// <summary>
/// Publishing a notification after its state is written. Notifications are hints: grain state is the truth and
/// readers recover by reading it, so a failed publish is logged and does not undo or fail the request.
/// </summary>
public static partial class StreamPublishing
{
    /// <summary>Publishes <paramref name="item"/>; logs and returns false if the stream provider refuses it.</summary>
    public static async Task<bool> TryPublishAsync<T>(this IAsyncStream<T> stream, T item, ILogger logger)
    {
        try
        {
            await stream.OnNextAsync(item);
            return true;
        }
        catch (Exception exception)
        {
            LogPublishFailed(logger, exception, stream.StreamId.ToString());
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing to stream {StreamId} failed; readers recover from grain state")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string streamId);
}
