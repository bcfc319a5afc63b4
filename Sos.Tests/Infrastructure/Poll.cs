namespace Sos.Tests.Infrastructure;

/// <summary>
/// Waits on the truth rather than on a notification: reads a grain until what it returns matches. For tests that kill
/// silos, whose change streams may lose events held by the dead silo's queues while the grains' state stays right.
/// </summary>
public static class Poll
{
    /// <summary>
    /// Reads every 100 ms until <paramref name="match"/> holds, or throws after <paramref name="timeout"/>. A read that
    /// fails (the grain or the gateway was on a silo that just died) is tried again, as a console would.
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> match, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "nothing read yet";
        while (true)
        {
            try
            {
                var seen = await read();
                if (match(seen))
                {
                    return seen;
                }

                last = $"{seen}";
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                last = $"{exception.GetType().Name}: {exception.Message}";
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited {timeout.TotalSeconds:0} s for {what}; last seen: {last}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);
        }
    }
}
