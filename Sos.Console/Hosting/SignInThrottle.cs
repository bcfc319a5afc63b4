using System.Collections.Concurrent;

namespace Sos.Console.Hosting;

/// <summary>
/// Slows down repeated failed sign-ins for one login: after <see cref="FreeFailures"/> failures each further attempt
/// waits longer (1 s, 2 s, 4 s … up to <see cref="MaxDelay"/>), whether the login exists or not. A success clears it;
/// failures older than <see cref="Memory"/> are forgotten. Per console process.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    /// <summary>Failures that cost nothing.</summary>
    public const int FreeFailures = 3;

    /// <summary>The longest wait.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(16);

    /// <summary>How long failures are remembered.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The most logins remembered at once: beyond it the forgotten failures go first, then the logins with the fewest
    /// failures, so visitors inventing names cannot grow the console's memory without bound.
    /// </summary>
    public const int MaxTracked = 10_000;

    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset Last)> failures = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The wait after <paramref name="failureCount"/> failures in a row.</summary>
    public static TimeSpan DelayAfter(int failureCount) =>
        failureCount < FreeFailures
            ? TimeSpan.Zero
            : TimeSpan.FromSeconds(Math.Min(Math.Pow(2, failureCount - FreeFailures), MaxDelay.TotalSeconds));

    /// <summary>How long the next attempt for <paramref name="login"/> must wait.</summary>
    public TimeSpan DelayFor(string login)
    {
        if (!failures.TryGetValue(login, out var seen))
        {
            return TimeSpan.Zero;
        }

        if (clock.GetUtcNow() - seen.Last > Memory)
        {
            failures.TryRemove(login, out _);
            return TimeSpan.Zero;
        }

        return DelayAfter(seen.Failures);
    }

    /// <summary>Records a failed attempt.</summary>
    public void Failed(string login)
    {
        var now = clock.GetUtcNow();
        if (failures.Count >= MaxTracked && !failures.ContainsKey(login))
        {
            MakeRoom(now);
        }

        failures.AddOrUpdate(login, _ => (1, now), (_, seen) => (now - seen.Last > Memory ? 1 : seen.Failures + 1, now));
    }

    /// <summary>Whether <paramref name="login"/>'s failures are remembered.</summary>
    public bool Remembers(string login) => failures.ContainsKey(login);

    /// <summary>How many logins have failures remembered.</summary>
    public int Count => failures.Count;

    private void MakeRoom(DateTimeOffset now)
    {
        foreach (var (login, seen) in failures)
        {
            if (now - seen.Last > Memory)
            {
                failures.TryRemove(login, out _);
            }
        }

        var excess = failures.Count - MaxTracked + 1;
        if (excess > 0)
        {
            foreach (var login in failures.OrderBy(f => f.Value.Failures).ThenBy(f => f.Value.Last).Take(excess).Select(f => f.Key).ToList())
            {
                failures.TryRemove(login, out _);
            }
        }
    }

    /// <summary>Records a successful sign-in.</summary>
    public void Succeeded(string login) => failures.TryRemove(login, out _);
}
