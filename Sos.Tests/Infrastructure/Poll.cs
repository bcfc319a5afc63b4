namespace Sos.Tests.Infrastructure;

/// <summary>
/// Waits on the truth rather than on a notification: reads a grain until what it returns matches. For tests that kill
/// silos, whose change streams may lose events held by the dead silo's queues while the grains' state stays right.
/// </summary>
public static class Poll
{
    /// <summary>Reads every 100 ms until <paramref name="match"/> holds, or throws after <paramref name="timeout"/>.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> match, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var seen = await read();
            if (match(seen))
            {
                return seen;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited {timeout.TotalSeconds:0} s for {what}; last seen: {seen}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);
        }
    }
}
