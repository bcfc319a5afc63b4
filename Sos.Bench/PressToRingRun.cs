using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using HdrHistogram;
using Orleans.Streams;
using Sos.Grains.Abstractions;

namespace Sos.Bench;

/// <summary>
/// Presses at a fixed offered rate through the kiosk grain interface, each on a kiosk without an open call, and
/// measures press → ring: from just before <c>PressAsync</c> to the moment the call grain records the ring (the
/// same clock, this process). Operator bots answer and finish each call at once so operators free up again.
/// </summary>
public sealed class PressToRingRun : IAsyncDisposable
{
    private static readonly TimeSpan RingWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan WarmUpDuration = TimeSpan.FromSeconds(2);
    private const double WarmUpRate = 50;

    private readonly IClusterClient client;
    private readonly string centre = $"bench-{Guid.NewGuid():N}";
    private readonly List<IKioskGrain> kiosks = [];
    private readonly Dictionary<string, string> secrets = new(StringComparer.Ordinal);
    private HttpClient? http;
    private readonly ConcurrentQueue<string> freeOperators = new();
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<CallSnapshot>> rings = new();
    private StreamSubscriptionHandle<CallSnapshot>? subscription;
    private int nextKiosk;

    private PressToRingRun(IClusterClient client) => this.client = client;

    /// <summary>
    /// Registers <paramref name="kioskCount"/> kiosks and signs in <paramref name="operatorCount"/> operators. With
    /// <paramref name="deviceApi"/>, presses go through the HTTP device API there (each kiosk gets its secret).
    /// </summary>
    public static async Task<PressToRingRun> PrepareAsync(IClusterClient client, int kioskCount, int operatorCount, Uri? deviceApi = null)
    {
        var run = new PressToRingRun(client);
        if (deviceApi is not null)
        {
            run.http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = deviceApi };
        }

        run.subscription = await client.GetStreamProvider(SosConstants.StreamProvider).CallChanges(run.centre).SubscribeAsync((call, _) =>
        {
            if (call.Status == CallStatus.Ringing)
            {
                run.rings.GetOrAdd(call.CallId, _ => new TaskCompletionSource<CallSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(call);
            }

            return Task.CompletedTask;
        });

        var registration = new KioskRegistration("Bench kiosk", "Bench street", 52.29, 76.95, "Bench", run.centre);
        var ids = Enumerable.Range(0, kioskCount).Select(i => $"{run.centre}-k{i}").ToList();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (id, _) =>
        {
            var kiosk = client.GetKiosk(id);
            await kiosk.RegisterAsync(registration, Actors.Tool("bench"));
            await kiosk.ChangeLifecycleAsync(KioskLifecycle.InService, Actors.Tool("bench"));
            if (run.http is not null)
            {
                var secret = await kiosk.IssueSecretAsync(Actors.Tool("bench"));
                lock (run.secrets)
                {
                    run.secrets[id] = secret;
                }
            }
        });
        run.kiosks.AddRange(ids.Select(client.GetKiosk));

        for (var i = 0; i < operatorCount; i++)
        {
            await client.GetOperator($"{run.centre}-op{i}").ChangePresenceAsync(run.centre, OperatorPresence.Available);
        }

        // Warm-up, not measured: the first presses of a fresh silo compile code and open connections; a measured run
        // starts on a warm process, as a centre that has been up for a while is.
        await run.RunAsync(WarmUpRate, WarmUpDuration);
        return run;
    }

    /// <summary>Offers presses at <paramref name="rate"/> per second for <paramref name="duration"/> and measures them.</summary>
    public async Task<LatencyResult> RunAsync(double rate, TimeSpan duration)
    {
        var histogram = new LongHistogram(TimeSpan.FromSeconds(60).Ticks / 10, 3);
        var acknowledgements = new LongHistogram(TimeSpan.FromSeconds(60).Ticks / 10, 3);
        var total = (int)(rate * duration.TotalSeconds);
        var failures = 0;
        var inFlight = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            inFlight.Add(Task.Run(async () =>
            {
                try
                {
                    var (ring, ack) = await PressOnceAsync();
                    lock (histogram)
                    {
                        histogram.RecordValue(ring);
                        acknowledgements.RecordValue(ack);
                    }
                }
                catch (Exception)
                {
                    // Not rung within the wait (or refused): counted as failed, and recorded at the wait, so the
                    // percentiles of an overloaded run are lower bounds rather than silently better.
                    Interlocked.Increment(ref failures);
                    lock (histogram)
                    {
                        histogram.RecordValue((long)RingWait.TotalMicroseconds);
                    }
                }
            }));
        }

        var offeredFor = clock.Elapsed;
        await Task.WhenAll(inFlight);
        return new LatencyResult(histogram, total, failures, offeredFor, clock.Elapsed, acknowledgements);
    }

    /// <summary>Presses as fast as <paramref name="workers"/> callers can, each waiting for its ring; returns presses per second.</summary>
    public async Task<double> ClosedLoopAsync(int workers, TimeSpan duration)
    {
        long done = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                await PressOnceAsync();
                Interlocked.Increment(ref done);
            }
        })));
        return done / clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// The highest of <paramref name="rates"/> (ascending) sustained for <paramref name="step"/> with no failure, every press
    /// completed within the step plus a second, and p99 press → ring at most <paramref name="p99LimitMs"/>.
    /// </summary>
    public async Task<(double Rate, IReadOnlyList<(double Rate, LatencyResult Result)> Steps)> HighestSustainedRateAsync(IEnumerable<double> rates, TimeSpan step, double p99LimitMs)
    {
        var steps = new List<(double, LatencyResult)>();
        var best = 0.0;
        foreach (var rate in rates)
        {
            var result = await RunAsync(rate, step);
            steps.Add((rate, result));
            var sustained = result.Failed == 0 && result.Elapsed <= step + TimeSpan.FromSeconds(1) && result.PercentileMs(99) <= p99LimitMs;
            if (!sustained)
            {
                break;
            }

            best = rate;
        }

        return (best, steps);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        http?.Dispose();
        if (subscription is not null)
        {
            await subscription.UnsubscribeAsync();
        }
    }

    private async Task<PressReceipt> PressOverHttpAsync(string kioskId, DateTimeOffset pressedAt)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/kiosks/{kioskId}/presses")
        {
            Content = JsonContent.Create(new { pressId = Guid.NewGuid(), pressedAt }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secrets[kioskId]);
        using var response = await http!.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new PressReceipt(accepted.GetProperty("callId").GetGuid(), CallStatus.Queued, accepted.GetProperty("joined").GetBoolean());
    }

    /// <summary>One press, its ring, its answer and close; returns press → ring and press → acknowledgement in microseconds.</summary>
    private async Task<(long Ring, long Ack)> PressOnceAsync()
    {
        var kiosk = kiosks[Interlocked.Increment(ref nextKiosk) % kiosks.Count];
        var pressedAt = TimeProvider.System.GetUtcNow();
        var acking = Stopwatch.StartNew();
        var receipt = http is null ? await kiosk.PressAsync(new PressRequest(Guid.NewGuid(), pressedAt)) : await PressOverHttpAsync(kiosk.GetPrimaryKeyString(), pressedAt);
        var ack = (long)acking.Elapsed.TotalMicroseconds;
        if (receipt.Joined)
        {
            throw new InvalidOperationException("The kiosk still had an open call: the pool of kiosks is too small for the rate.");
        }

        var ring = rings.GetOrAdd(receipt.CallId, _ => new TaskCompletionSource<CallSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously));
        var ringing = await ring.Task.WaitAsync(RingWait);
        rings.TryRemove(receipt.CallId, out _);
        var latency = ringing.RingingSince!.Value - pressedAt;

        // The bot answers and closes at once; with no wrap-up the operator is available again. An operator who could
        // not take the offer declines it and the call rings the next one: answer as whoever it rings now.
        for (var attempt = 0; ; attempt++)
        {
            var answering = client.GetOperator(ringing.RingingOperators[0]);
            try
            {
                await answering.AnswerAsync(receipt.CallId);
                await answering.FinishCallAsync(receipt.CallId, new CallClosure(CallDisposition.Test));
                break;
            }
            catch (InvalidCallTransitionException) when (attempt < 20)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(5));
                var now = await client.GetCall(receipt.CallId).GetAsync();
                ringing = now.Status == CallStatus.Ringing && !now.RingingOperators.IsDefaultOrEmpty ? now : ringing;
            }
        }
        return ((long)latency.TotalMicroseconds, Math.Max(1, ack));
    }
}
