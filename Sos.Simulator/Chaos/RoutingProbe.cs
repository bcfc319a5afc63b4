using System.Collections.Concurrent;
using Sos.Grains.Abstractions;

namespace Sos.Simulator.Chaos;

/// <summary>
/// Reads the centre's routing state every 250 ms during a chaos run and remembers, for each call, the answers in which
/// routing held it as ringing an operator: what a supervisor's wall shows. A read that gets no answer within a second
/// (routing's silo just died) records nothing. This is the harness observing, not a part of Sos.
/// </summary>
public sealed class RoutingProbe(IRoutingGrain routing)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<Guid, ConcurrentQueue<DateTimeOffset>> ringingSeen = new();

    /// <summary>Reads until <paramref name="stop"/>.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                try
                {
                    var snapshot = await routing.GetAsync().WaitAsync(ReadTimeout, stop);
                    var seenAt = DateTimeOffset.UtcNow;
                    foreach (var call in snapshot.Waiting.Where(w => w.IsRinging))
                    {
                        ringingSeen.GetOrAdd(call.CallId, _ => new ConcurrentQueue<DateTimeOffset>()).Enqueue(seenAt);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !stop.IsCancellationRequested)
                {
                    // No answer now: routing is moving to another silo. The next read tries again.
                }
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>The first time at or after <paramref name="from"/> that routing answered holding the call as ringing.</summary>
    public DateTimeOffset? FirstRingingSeen(Guid callId, DateTimeOffset from) =>
        ringingSeen.TryGetValue(callId, out var seen) ? seen.Where(at => at >= from).Select(at => (DateTimeOffset?)at).FirstOrDefault() : null;
}
