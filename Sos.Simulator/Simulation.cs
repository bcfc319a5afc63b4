using System.Collections.Concurrent;
using System.Diagnostics;
using HdrHistogram;
using Orleans.Streams;
using Sos.Grains.Abstractions;

namespace Sos.Simulator;

/// <summary>
/// One simulator run: kiosks press, retry, cancel and report in over the device API; operator bots answer through the
/// grain interfaces; at the end every acknowledged press is checked against the grains' state.
/// </summary>
public sealed class Simulation(SimulationOptions options, IClusterClient cluster, HttpClient http, TextWriter progress, bool interactive)
{
    /// <summary>How the audit trail names the simulator when it sets kiosks up.</summary>
    private static readonly string Actor = Actors.Tool("simulator");

    private static readonly TimeSpan RetryBudget = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DefaultRetryDelay = TimeSpan.FromMilliseconds(500);
    private static readonly (double Lat, double Lon) Pavlodar = (52.285, 76.955);

    private readonly DeviceApiClient api = new(http);
    private readonly TaskCompletionSource pressesStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<Guid, Guid> acknowledged = new();
    private readonly ConcurrentDictionary<Guid, PressAcknowledgement> acknowledgements = new();
    private readonly ConcurrentDictionary<Guid, bool> cancelled = new();
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Guid, bool>> callsOfPress = new();
    private readonly ConcurrentDictionary<Guid, long> openedAt = new();
    private readonly ConcurrentDictionary<Guid, long> firstRing = new();
    private readonly ConcurrentDictionary<Guid, long> firstAnswer = new();
    private readonly LongConcurrentHistogram pressToAck = Histogram();
    private long sent;
    private long retried;
    private long failed;
    private long cancels;
    private long heartbeats;
    private long heartbeatsFailed;
    private long unavailable;
    private long unanswered;

    /// <summary>Completes when the kiosks are registered, the bots work, and the first press is about to be sent.</summary>
    public Task PressesStarted => pressesStarted.Task;

    /// <summary>Runs the simulation and returns its summary.</summary>
    public async Task<SimulationSummary> RunAsync(CancellationToken cancellationToken)
    {
        var random = new Random(options.Seed);
        var kiosks = await PrepareKiosksAsync(random, cancellationToken);
        var bots = options.BotLogins.Select((login, j) => new OperatorBot(cluster, options, login, new Random(SeedFor(options.Seed, j)))).ToList();
        var streams = cluster.GetStreamProvider(SosConstants.StreamProvider);
        var callChanges = await streams.CallChanges(options.CentreId).SubscribeAsync((call, _) => ObserveAsync(call));
        var operatorChanges = await streams.OperatorChanges(options.CentreId).SubscribeAsync((op, _) =>
        {
            bots.Find(b => b.Login == op.Login)?.Wake();
            return Task.CompletedTask;
        });

        using var stopBots = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopHeartbeats = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var clock = Stopwatch.StartNew();
        var botRuns = bots.Select(b => Task.Run(() => b.RunAsync(stopBots.Token), CancellationToken.None)).ToList();
        var heartbeatRuns = kiosks.Select((k, i) => Task.Run(() => HeartbeatAsync(k, new Random(SeedFor(options.Seed, -1 - i)), stopHeartbeats.Token), CancellationToken.None)).ToList();
        using var stopProgress = new CancellationTokenSource();
        var progressRun = Task.Run(() => ReportProgressAsync(clock, bots, stopProgress.Token), CancellationToken.None);

        try
        {
            pressesStarted.TrySetResult();
            var presses = new List<Task>();
            var next = TimeSpan.Zero;
            while (options.Rate > 0 && kiosks.Count > 0)
            {
                next += TimeSpan.FromSeconds(-Math.Log(1 - random.NextDouble()) / options.Rate);
                if (next >= options.Duration)
                {
                    break;
                }

                var kiosk = kiosks[random.Next(kiosks.Count)];
                var plan = new PressPlan(Guid.NewGuid(), random.NextDouble() < options.RetryRate, random.NextDouble() < options.CancelRate, TimeSpan.FromMilliseconds(random.Next(100, 1000)));
                var wait = next - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken);
                }

                presses.Add(Task.Run(() => PressAsync(kiosk, plan, cancellationToken), CancellationToken.None));
            }

            var remaining = options.Duration - clock.Elapsed;
            if (remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining, cancellationToken);
            }

            await Task.WhenAll(presses);
            await DrainAsync(cancellationToken);
        }
        finally
        {
            pressesStarted.TrySetResult();
            await stopBots.CancelAsync();
            await Task.WhenAll(botRuns);
            await stopHeartbeats.CancelAsync();
            await Task.WhenAll(heartbeatRuns);
            await stopProgress.CancelAsync();
            await progressRun;
            await callChanges.UnsubscribeAsync();
            await operatorChanges.UnsubscribeAsync();
        }

        return await SummarizeAsync(clock.Elapsed, bots);
    }

    private async Task<IReadOnlyList<SimulatedKiosk>> PrepareKiosksAsync(Random random, CancellationToken cancellationToken)
    {
        var kiosks = new List<SimulatedKiosk>();
        foreach (var (kioskId, i) in options.KioskIds.Select((id, i) => (id, i)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var grain = cluster.GetKiosk(kioskId);
            var registration = new KioskRegistration(
                $"Simulated kiosk {i + 1}",
                $"Simulated street {i + 1}",
                Pavlodar.Lat + ((random.NextDouble() - 0.5) * 0.03),
                Pavlodar.Lon + ((random.NextDouble() - 0.5) * 0.05),
                "Simulated",
                options.CentreId,
                options.HeartbeatInterval);
            var kiosk = await grain.RegisterAsync(registration, Actor);
            if (kiosk.Lifecycle is KioskLifecycle.Commissioning or KioskLifecycle.Maintenance or KioskLifecycle.OutOfService)
            {
                await grain.ChangeLifecycleAsync(KioskLifecycle.InService, Actor);
            }

            if (kiosk.OpenCallId is { } leftOver)
            {
                // A call left open by an earlier run: hang it up, so this run's first press opens a call of its own.
                await grain.CancelAsync(leftOver);
            }

            kiosks.Add(new SimulatedKiosk(kioskId, await grain.IssueSecretAsync(Actor), i % options.Urls.Count));
        }

        return kiosks;
    }

    private async Task PressAsync(SimulatedKiosk kiosk, PressPlan plan, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref sent);
        var start = Stopwatch.GetTimestamp();
        var answer = await PressUntilAcknowledgedAsync(kiosk, plan.PressId, cancellationToken);
        if (answer is null)
        {
            Interlocked.Increment(ref failed);
            return;
        }

        pressToAck.RecordValue(Microseconds(Stopwatch.GetElapsedTime(start)));
        Record(plan.PressId, answer);
        acknowledgements.TryAdd(plan.PressId, new PressAcknowledgement(plan.PressId, answer.CallId, kiosk.Id, DateTimeOffset.UtcNow, answer.Joined));
        if (!answer.Joined)
        {
            openedAt.TryAdd(answer.CallId, start);
        }

        if (plan.Retry)
        {
            // As if the first answer was lost on the way: the same press id again must name the same call.
            Interlocked.Increment(ref retried);
            if (await PressUntilAcknowledgedAsync(kiosk, plan.PressId, cancellationToken) is { } again)
            {
                Record(plan.PressId, again);
            }
        }

        if (plan.Cancel && !answer.Joined)
        {
            await Task.Delay(plan.CancelAfter, cancellationToken);
            Interlocked.Increment(ref cancels);
            cancelled.TryAdd(answer.CallId, true);
            for (var attempt = 0; attempt < options.Urls.Count; attempt++)
            {
                if (!(await api.CancelAsync(ApiFor(kiosk, attempt), kiosk.Id, kiosk.Secret, answer.CallId, cancellationToken)).Retryable)
                {
                    break;
                }
            }
        }
    }

    private async Task<Silo.DeviceApi.PressAccepted?> PressUntilAcknowledgedAsync(SimulatedKiosk kiosk, Guid pressId, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(RetryBudget.TotalSeconds * Stopwatch.Frequency);
        for (var attempt = 0; ; attempt++)
        {
            if (attempt > 0)
            {
                Interlocked.Increment(ref retried);
            }

            var answer = await api.PressAsync(ApiFor(kiosk, attempt), kiosk.Id, kiosk.Secret, pressId, DateTimeOffset.UtcNow, cancellationToken);
            if (answer.Succeeded && answer.Body is { } accepted)
            {
                return accepted;
            }

            if (answer.Status == 0)
            {
                Interlocked.Increment(ref unanswered);
            }
            else
            {
                Interlocked.Increment(ref unavailable);
            }

            if (!answer.Retryable || Stopwatch.GetTimestamp() > deadline)
            {
                return null;
            }

            // The next silo's device API at once when there is one (this one did not answer or cannot serve now);
            // the same one again only after its Retry-After.
            if (options.Urls.Count == 1 || attempt % options.Urls.Count == options.Urls.Count - 1)
            {
                await Task.Delay(answer.RetryAfter ?? DefaultRetryDelay, cancellationToken);
            }
        }
    }

    private void Record(Guid pressId, Silo.DeviceApi.PressAccepted answer)
    {
        acknowledged.TryAdd(pressId, answer.CallId);
        callsOfPress.GetOrAdd(pressId, _ => new ConcurrentDictionary<Guid, bool>()).TryAdd(answer.CallId, true);
    }

    private async Task HeartbeatAsync(SimulatedKiosk kiosk, Random random, CancellationToken stop)
    {
        try
        {
            await Task.Delay(options.HeartbeatInterval * random.NextDouble(), stop);
            using var timer = new PeriodicTimer(options.HeartbeatInterval);
            do
            {
                var answer = await api.HeartbeatAsync(ApiFor(kiosk, 0), kiosk.Id, kiosk.Secret, stop);
                if (answer.Retryable && options.Urls.Count > 1)
                {
                    answer = await api.HeartbeatAsync(ApiFor(kiosk, 1), kiosk.Id, kiosk.Secret, stop);
                }

                Interlocked.Increment(ref heartbeats);
                if (!answer.Succeeded)
                {
                    Interlocked.Increment(ref heartbeatsFailed);
                }
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private Task ObserveAsync(CallSnapshot call)
    {
        var now = Stopwatch.GetTimestamp();
        if (call.Status == CallStatus.Ringing)
        {
            firstRing.TryAdd(call.CallId, now);
        }
        else if (call.Status == CallStatus.Connected)
        {
            firstRing.TryAdd(call.CallId, now);
            firstAnswer.TryAdd(call.CallId, now);
        }

        return Task.CompletedTask;
    }

    /// <summary>Waits, reading the calls' state, until every acknowledged call was answered or abandoned, or the drain time is up.</summary>
    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        var unsettled = acknowledged.Values.ToHashSet();
        var drain = Stopwatch.StartNew();
        while (unsettled.Count > 0 && drain.Elapsed < options.Drain)
        {
            foreach (var callId in unsettled.ToList())
            {
                if (await TryGetCallAsync(callId) is { } call && Settled(call))
                {
                    unsettled.Remove(callId);
                }
            }

            if (unsettled.Count > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }
    }

    private async Task<SimulationSummary> SummarizeAsync(TimeSpan elapsed, IReadOnlyList<OperatorBot> bots)
    {
        var calls = new Dictionary<Guid, CallSnapshot>();
        foreach (var callId in acknowledged.Values.Distinct())
        {
            calls[callId] = await GetCallAsync(callId);
        }

        var ring = Histogram();
        var answer = Histogram();
        foreach (var (callId, start) in openedAt)
        {
            var call = calls[callId];
            if (Since(start, firstRing, callId, call, CallEventKind.Ringing) is { } toRing)
            {
                ring.RecordValue(toRing);
            }

            if (Since(start, firstAnswer, callId, call, CallEventKind.Connected) is { } toAnswer)
            {
                answer.RecordValue(toAnswer);
            }
        }

        return new SimulationSummary(
            options.Seed,
            options.Kiosks,
            options.Operators,
            Math.Round(Math.Min(elapsed.TotalSeconds, options.Duration.TotalSeconds), 1),
            Interlocked.Read(ref sent),
            acknowledged.Count,
            Interlocked.Read(ref retried),
            Interlocked.Read(ref failed),
            openedAt.Count,
            calls.Values.Count(c => c.ConnectedAt is not null),
            calls.Values.Count(c => c.Status == CallStatus.Abandoned),
            acknowledged.Count(p => !Settled(calls[p.Value])),
            callsOfPress.Count(p => p.Value.Count > 1),
            Interlocked.Read(ref cancels),
            Interlocked.Read(ref heartbeats),
            Interlocked.Read(ref heartbeatsFailed),
            bots.Sum(b => b.Missed),
            LatencySummary.Of(pressToAck),
            LatencySummary.Of(ring),
            LatencySummary.Of(answer),
            [.. calls.Keys])
        {
            Unavailable = Interlocked.Read(ref unavailable),
            Unanswered = Interlocked.Read(ref unanswered),
            Acknowledgements = [.. acknowledgements.Values.OrderBy(a => a.AcknowledgedAt)],
            CancelledCalls = [.. cancelled.Keys],
        };
    }

    /// <summary>The call's state; a read that fails (its silo just died) is tried again for up to half a minute.</summary>
    private async Task<CallSnapshot> GetCallAsync(Guid callId)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(RetryBudget.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (await TryGetCallAsync(callId) is { } call)
            {
                return call;
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                return await cluster.GetCall(callId).GetAsync();
            }

            await Task.Delay(DefaultRetryDelay);
        }
    }

    private async Task<CallSnapshot?> TryGetCallAsync(Guid callId)
    {
        try
        {
            return await cluster.GetCall(callId).GetAsync();
        }
        catch (Exception exception) when (exception is not SosDomainException)
        {
            return null;
        }
    }

    private Uri ApiFor(SimulatedKiosk kiosk, int attempt) => options.Urls[(kiosk.Home + attempt) % options.Urls.Count];

    /// <summary>
    /// Microseconds from the opening press to the first time the call was seen <paramref name="kind"/> on the change
    /// stream; if the stream missed it (notifications are hints), from the call's own timeline, measured from its opening.
    /// </summary>
    private static long? Since(long start, ConcurrentDictionary<Guid, long> observed, Guid callId, CallSnapshot call, CallEventKind kind)
    {
        if (observed.TryGetValue(callId, out var seen))
        {
            return Microseconds(Stopwatch.GetElapsedTime(start, seen));
        }

        return call.Timeline.FirstOrDefault(e => e.Kind == kind) is { } step
            ? Microseconds(step.At - call.OpenedAt)
            : null;
    }

    private static bool Settled(CallSnapshot call) => call.ConnectedAt is not null || call.Status == CallStatus.Abandoned;

    private async Task ReportProgressAsync(Stopwatch clock, IReadOnlyList<OperatorBot> bots, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var lines = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var line =
                    $"{clock.Elapsed.TotalSeconds,6:0.0} s  presses {Interlocked.Read(ref sent)} sent, {acknowledged.Count} acked, " +
                    $"{Interlocked.Read(ref retried)} retried, {Interlocked.Read(ref failed)} failed  calls {openedAt.Count} opened, " +
                    $"{firstAnswer.Count} answered  bots answered {bots.Sum(b => b.Answered)}  heartbeats {Interlocked.Read(ref heartbeats)}";
                if (interactive)
                {
                    await progress.WriteAsync($"\r{line}   ");
                }
                else if (lines++ % 5 == 0)
                {
                    await progress.WriteLineAsync(line);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        if (interactive)
        {
            await progress.WriteLineAsync();
        }
    }

    /// <summary>
    /// The seed of one bot's or kiosk's own choices: fixed by the run's seed (HashCode.Combine is not, it is salted per
    /// process).
    /// </summary>
    internal static int SeedFor(int seed, int stream) => unchecked((seed * 1_000_003) + stream);

    private static LongConcurrentHistogram Histogram() => new(1, TimeSpan.FromMinutes(10).Ticks / 10, 3);

    private static long Microseconds(TimeSpan time) => Math.Max(1, (long)time.TotalMicroseconds);

    private sealed record SimulatedKiosk(string Id, string Secret, int Home);

    private sealed record PressPlan(Guid PressId, bool Retry, bool Cancel, TimeSpan CancelAfter);
}
