using Sos.Console.Services;

namespace Sos.Tests.Console;

public sealed class SubscriptionsTests
{
    [Fact]
    public async Task SubscriptionThatCompletesAfterThePageClosedIsDisposedAtOnce()
    {
        var subscriptions = new Subscriptions();
        var late = new Subscription();
        var subscribing = new TaskCompletionSource<IAsyncDisposable>();
        var adding = subscriptions.AddAsync(subscribing.Task);

        await subscriptions.DisposeAsync();
        subscribing.SetResult(late);

        Assert.False(await adding);
        Assert.True(late.Disposed);
    }

    [Fact]
    public async Task ClosingThePageDisposesEverySubscription()
    {
        var subscriptions = new Subscriptions();
        var first = new Subscription();
        var second = new Subscription();
        Assert.True(await subscriptions.AddAsync(Task.FromResult<IAsyncDisposable>(first)));
        Assert.True(await subscriptions.AddAsync(Task.FromResult<IAsyncDisposable>(second)));

        await subscriptions.DisposeAsync();

        Assert.True(first.Disposed && second.Disposed);
    }

    private sealed class Subscription : IAsyncDisposable
    {
        public bool Disposed { get; private set; }

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
