namespace Sos.Console.Services;

/// <summary>
/// The live subscriptions of one page. A page can be closed while it is still subscribing (the user navigates on at
/// once): a subscription that completes after that is disposed at once instead of leaking.
/// </summary>
public sealed class Subscriptions : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly List<IAsyncDisposable> items = [];
    private bool disposed;

    /// <summary>Whether the page has been closed.</summary>
    public bool IsDisposed
    {
        get
        {
            lock (gate)
            {
                return disposed;
            }
        }
    }

    /// <summary>Keeps a subscription until the page closes; returns false (and disposes it) if the page closed already.</summary>
    public async Task<bool> AddAsync(Task<IAsyncDisposable> subscribing)
    {
        var subscription = await subscribing;
        lock (gate)
        {
            if (!disposed)
            {
                items.Add(subscription);
                return true;
            }
        }

        await subscription.DisposeAsync();
        return false;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        List<IAsyncDisposable> toDispose;
        lock (gate)
        {
            disposed = true;
            toDispose = [.. items];
            items.Clear();
        }

        foreach (var subscription in toDispose)
        {
            await subscription.DisposeAsync();
        }
    }
}
