namespace Sos.Grains.Storage;

/// <summary>
/// Changes of a grain's state that may wait to be written (a press joining an open call only counts): at most one
/// write per <c>interval</c> for them. Such a change is kept in memory and written by a one-shot grain timer an
/// interval after the last write, or with the next write of any kind, or when the grain deactivates; a change that
/// must be durable now is written at once as before, and carries whatever was waiting.
/// </summary>
/// <param name="grain">The grain whose timer writes.</param>
/// <param name="clock">The grain's clock.</param>
/// <param name="interval">The least time between two writes that waiting changes cause.</param>
/// <param name="write">Writes the grain's whole current state (and calls <see cref="Written"/>).</param>
public sealed class WriteBehind(IGrainBase grain, TimeProvider clock, TimeSpan interval, Func<Task> write)
{
    private DateTimeOffset writtenAt = DateTimeOffset.MinValue;
    private IGrainTimer? timer;

    /// <summary>Records that the state was written: nothing waits any more.</summary>
    public void Written()
    {
        timer?.Dispose();
        timer = null;
        writtenAt = clock.GetUtcNow();
    }

    /// <summary>
    /// For a change that may wait: false when the last write is an interval old (write it now); otherwise true, with
    /// the timer that writes it set.
    /// </summary>
    public bool Defer()
    {
        var since = clock.GetUtcNow() - writtenAt;
        if (since >= interval)
        {
            return false;
        }

        timer ??= grain.RegisterGrainTimer(
            static (self, _) => self.FlushAsync(),
            this,
            new GrainTimerCreationOptions { DueTime = interval - since, Period = Timeout.InfiniteTimeSpan });
        return true;
    }

    /// <summary>Writes what waits, if anything does (the timer, and a grain going away).</summary>
    public Task FlushAsync() => timer is null ? Task.CompletedTask : write();
}
