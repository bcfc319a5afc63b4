using Orleans.Streams;

namespace Sos.Tests.Infrastructure;

/// <summary>Records every item of one stream and lets a test wait, with a timeout, for an item that matches.</summary>
public sealed class StreamRecorder<T> : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly List<T> items = [];
    private readonly List<(Func<T, bool> Match, TaskCompletionSource<T> Done)> waiters = [];
    private readonly Lock gate = new();
    private StreamSubscriptionHandle<T>? handle;

    private StreamRecorder()
    {
    }

    /// <summary>Subscribes to the stream; items published after this returns are recorded.</summary>
    public static async Task<StreamRecorder<T>> SubscribeAsync(IAsyncStream<T> stream)
    {
        var recorder = new StreamRecorder<T>();
        recorder.handle = await stream.SubscribeAsync((item, _) =>
        {
            recorder.Record(item);
            return Task.CompletedTask;
        });
        return recorder;
    }

    /// <summary>Every item recorded so far.</summary>
    public IReadOnlyList<T> Items
    {
        get
        {
            lock (gate)
            {
                return [.. items];
            }
        }
    }

    /// <summary>How many items have arrived; pass it as <c>after</c> to wait only for items that come later.</summary>
    public int Mark()
    {
        lock (gate)
        {
            return items.Count;
        }
    }

    /// <summary>
    /// Returns the first item that matches, recorded after the first <paramref name="after"/> items, waiting for it
    /// if none has arrived yet.
    /// </summary>
    public async Task<T> WaitForAsync(Func<T, bool> match, string what, int after = 0)
    {
        TaskCompletionSource<T> done;
        lock (gate)
        {
            foreach (var item in items.Skip(after))
            {
                if (match(item))
                {
                    return item;
                }
            }

            done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((match, done));
        }

        try
        {
            return await done.Task.WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Waited {Timeout.TotalSeconds} s for {what}; it never came.");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (handle is not null)
        {
            await handle.UnsubscribeAsync();
        }
    }

    private void Record(T item)
    {
        lock (gate)
        {
            items.Add(item);
            for (var i = waiters.Count - 1; i >= 0; i--)
            {
                if (waiters[i].Match(item))
                {
                    waiters[i].Done.TrySetResult(item);
                    waiters.RemoveAt(i);
                }
            }
        }
    }
}
