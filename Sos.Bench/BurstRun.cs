using System.Collections.Concurrent;
using System.Diagnostics;
using HdrHistogram;
using Orleans.Streams;
using Sos.Grains.Abstractions;

namespace Sos.Bench;

/// <summary>What a burst of presses did: how many were acknowledged, when every one had rung, in what order, and how
/// the supervisors' wall (routing's snapshot) answered meanwhile.</summary>
/// <param name="Acknowledged">Presses acknowledged.</param>
/// <param name="Lost">Acknowledged presses whose call never rang within the run.</param>
/// <param name="AllRungSeconds">From the first press to the last call's first ring.</param>
/// <param name="OrderInversions">Pairs of calls of one priority where the older one first rang more than the tolerance after the younger.</param>
/// <param name="WallReadP99Ms">p99 of reading routing's snapshot (what the wall shows) during the burst.</param>
/// <param name="LongestQueue">The most calls routing held waiting at once, as the wall read it.</param>
public sealed record BurstResult(int Acknowledged, int Lost, double AllRungSeconds, int OrderInversions, double WallReadP99Ms, int LongestQueue);

/// <summary>
/// A burst: <c>kiosks</c> kiosks each pressed once, spread over <c>spread</c>, with few operators who talk for a while
/// before closing each call, so the queue grows long and its order matters.
/// </summary>
public static class BurstRun
{
    private static readonly TimeSpan OrderTolerance = TimeSpan.FromMilliseconds(100);

    /// <summary>Runs the burst against <paramref name="client"/>'s cluster in a centre of its own.</summary>
    public static async Task<BurstResult> RunAsync(IClusterClient client, int kiosks, int operators, TimeSpan spread, TimeSpan talk)
    {
        var centre = $"burst-{Guid.NewGuid():N}";
        var firstRings = new ConcurrentDictionary<Guid, CallSnapshot>();
        var answering = new ConcurrentBag<Task>();
        var subscription = await client.GetStreamProvider(SosConstants.StreamProvider).CallChanges(centre).SubscribeAsync((call, _) =>
        {
            if (call is { Status: CallStatus.Ringing, RingingOperators.Length: > 0 } && firstRings.TryAdd(call.CallId, call))
            {
                // The operator talks for a while, then closes (no wrap-up in the bench's silos).
                answering.Add(Task.Run(async () =>
                {
                    await Task.Delay(talk);
                    var me = client.GetOperator(call.RingingOperators[0]);
                    await me.AnswerAsync(call.CallId);
                    await me.FinishCallAsync(call.CallId, new CallClosure(CallDisposition.Test));
                }));
            }

            return Task.CompletedTask;
        });

        var registration = new KioskRegistration("Burst kiosk", "Burst street", 52.29, 76.95, "Burst", centre);
        var grains = Enumerable.Range(0, kiosks).Select(i => client.GetKiosk($"{centre}-k{i}")).ToArray();
        await Parallel.ForEachAsync(grains, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (kiosk, _) =>
        {
            await kiosk.RegisterAsync(registration, Actors.Tool("bench"));
            await kiosk.ChangeLifecycleAsync(KioskLifecycle.InService, Actors.Tool("bench"));
        });
        for (var i = 0; i < operators; i++)
        {
            await client.GetOperator($"{centre}-op{i}").ChangePresenceAsync(centre, OperatorPresence.Available);
        }

        var wall = new LongHistogram(TimeSpan.FromSeconds(60).Ticks / 10, 3);
        var longestQueue = 0;
        using var stopWall = new CancellationTokenSource();
        var watching = WatchWallAsync(client.GetRouting(centre), wall, queue => longestQueue = Math.Max(longestQueue, queue), stopWall.Token);

        var receipts = new ConcurrentBag<PressReceipt>();
        var clock = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        var presses = grains.Select(async (kiosk, i) =>
        {
            await Task.Delay(spread * i / kiosks);
            try
            {
                receipts.Add(await kiosk.PressAsync(new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow)));
            }
            catch (Exception)
            {
                // Not acknowledged: the kiosk would retry; not counted as acknowledged.
            }
        });
        await Task.WhenAll(presses);

        var acknowledged = receipts.Select(r => r.CallId).ToHashSet();
        var deadline = clock.Elapsed + TimeSpan.FromSeconds(120);
        while (acknowledged.Any(id => !firstRings.ContainsKey(id)) && clock.Elapsed < deadline)
        {
            await Task.Delay(100);
        }

        await stopWall.CancelAsync();
        await watching;
        await Task.WhenAll(answering.ToArray());
        await subscription.UnsubscribeAsync();

        var rung = acknowledged.Where(firstRings.ContainsKey).Select(id => firstRings[id]).ToList();
        var lastRing = rung.Count > 0 ? rung.Max(c => c.RingingSince!.Value) : started;
        return new BurstResult(
            acknowledged.Count,
            acknowledged.Count - rung.Count,
            (lastRing - started).TotalSeconds,
            CountInversions(rung),
            wall.TotalCount > 0 ? wall.GetValueAtPercentile(99) / 1000.0 : double.NaN,
            longestQueue);
    }

    /// <summary>Pairs of one priority where the older call first rang more than the tolerance after the younger one.</summary>
    private static int CountInversions(List<CallSnapshot> rung)
    {
        var ordered = rung.OrderBy(c => c.OpenedAt).ToArray();
        var inversions = 0;
        for (var i = 0; i < ordered.Length; i++)
        {
            for (var j = i + 1; j < ordered.Length; j++)
            {
                if (ordered[i].Priority == ordered[j].Priority && ordered[i].RingingSince > ordered[j].RingingSince + OrderTolerance)
                {
                    inversions++;
                }
            }
        }

        return inversions;
    }

    private static async Task WatchWallAsync(IRoutingGrain routing, LongHistogram wall, Action<int> queued, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var read = Stopwatch.StartNew();
                var snapshot = await routing.GetAsync();
                wall.RecordValue((long)read.Elapsed.TotalMicroseconds);
                queued(snapshot.Waiting.Length);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
