using Microsoft.Extensions.Options;
using Sos.Console.Hosting;
using Sos.Grains.Abstractions;

namespace Sos.Console.Services;

/// <summary>
/// One circuit's view of its centre's queue: the waiting calls and whether any operator can take one, kept from the
/// centre's call and operator changes after one load from routing. The app bar's count and the "no operator available"
/// alarm both read it, so the page has one subscription and one truth.
/// </summary>
public sealed class QueueWatch(LiveFeed feed, IClusterClient client, IOptions<ConsoleOptions> options) : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly Subscriptions subscriptions = new();
    private readonly Dictionary<Guid, CallSnapshot> waiting = [];
    private readonly Dictionary<string, OperatorSnapshot> operators = new(StringComparer.Ordinal);
    private Task? started;

    /// <summary>Raised after the queue or an operator changed.</summary>
    public event Func<Task>? Changed;

    /// <summary>How many calls wait for an answer.</summary>
    public int Waiting
    {
        get
        {
            lock (gate)
            {
                return waiting.Count;
            }
        }
    }

    /// <summary>Whether no operator of the centre can take a call now (none Available, none being rung).</summary>
    public bool NobodyAvailable
    {
        get
        {
            lock (gate)
            {
                return !operators.Values.Any(o => o.Presence is OperatorPresence.Available or OperatorPresence.Ringing);
            }
        }
    }

    /// <summary>Starts watching the centre (once per circuit).</summary>
    public Task StartAsync(string centreId) => started ??= LoadAsync(centreId);

    /// <summary>How long the longest-waiting call has waited at <paramref name="now"/>.</summary>
    public TimeSpan LongestWait(DateTimeOffset now)
    {
        lock (gate)
        {
            return waiting.Count == 0 ? TimeSpan.Zero : now - waiting.Values.Min(c => c.OpenedAt);
        }
    }

    /// <summary>
    /// The "no operator available" alarm's level at <paramref name="now"/>: 0 while nothing waits or somebody can take
    /// it; 1 as soon as a call waits with nobody; one more for each threshold its wait has passed.
    /// </summary>
    public int AlarmLevel(DateTimeOffset now)
    {
        if (Waiting == 0 || !NobodyAvailable)
        {
            return 0;
        }

        return options.Value.LevelOf(LongestWait(now));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await subscriptions.DisposeAsync();

    private async Task LoadAsync(string centreId)
    {
        if (!await subscriptions.AddAsync(feed.CallsAsync(centreId, OnCallAsync))
            || !await subscriptions.AddAsync(feed.OperatorsAsync(centreId, OnOperatorAsync)))
        {
            return;
        }

        var routing = await client.GetRouting(centreId).GetAsync();
        var calls = await Task.WhenAll(routing.Waiting.Select(w => client.GetCall(w.CallId).GetAsync()));
        lock (gate)
        {
            // What a change already said is newer than this load: it is kept.
            foreach (var op in routing.Operators)
            {
                operators.TryAdd(op.Login, op);
            }

            foreach (var call in calls.Where(c => c.IsWaiting))
            {
                waiting.TryAdd(call.CallId, call);
            }
        }

        await RaiseAsync();
    }

    private Task OnCallAsync(CallSnapshot call)
    {
        lock (gate)
        {
            if (call.IsWaiting)
            {
                waiting[call.CallId] = call;
            }
            else if (!waiting.Remove(call.CallId))
            {
                return Task.CompletedTask;
            }
        }

        return RaiseAsync();
    }

    private Task OnOperatorAsync(OperatorSnapshot changed)
    {
        lock (gate)
        {
            operators[changed.Login] = changed;
        }

        return RaiseAsync();
    }

    private Task RaiseAsync() => Changed?.Invoke() ?? Task.CompletedTask;
}
