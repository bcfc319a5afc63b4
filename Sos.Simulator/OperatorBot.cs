using System.Threading.Channels;
using Sos.Grains.Abstractions;

namespace Sos.Simulator;

/// <summary>
/// A dispatcher played by a program, through the same grain interfaces a console uses: it goes Available, answers a
/// ringing call after a delay (or lets it ring out now and then), talks, closes the call and ends its wrap-up. It acts
/// on its operator grain's state; change notifications only wake it early.
/// </summary>
public sealed class OperatorBot(IClusterClient cluster, SimulationOptions options, string login, Random random)
{
    private static readonly CallDisposition[] Dispositions = [CallDisposition.HelpGiven, CallDisposition.FalseAlarm, CallDisposition.PatrolSent, CallDisposition.Test];

    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private long answered;
    private long missed;
    private long failures;

    /// <summary>The bot's login.</summary>
    public string Login => login;

    /// <summary>Calls it answered.</summary>
    public long Answered => Interlocked.Read(ref answered);

    /// <summary>Rings it let time out on purpose.</summary>
    public long Missed => Interlocked.Read(ref missed);

    /// <summary>Requests that failed for the cluster's sake (not refusals of the domain) and were tried again.</summary>
    public long Failures => Interlocked.Read(ref failures);

    /// <summary>Its operator changed: look again now.</summary>
    public void Wake() => wake.Writer.TryWrite(true);

    /// <summary>Works until <paramref name="stop"/>, then finishes its call and signs off.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var me = cluster.GetOperator(login);
        Guid? letRing = null;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                // Like an open console, each look also reports in: the operator's grain keeps the console's lease and
                // tells routing the operator is there (which also wakes a routing whose silo just died).
                var now = await me.HeartbeatAsync();
                if (now.Presence != OperatorPresence.Ringing)
                {
                    letRing = null;
                }

                switch (now.Presence)
                {
                    case OperatorPresence.Ringing when now.CallId is { } callId && callId != letRing:
                        if (random.NextDouble() < options.MissRate)
                        {
                            letRing = callId;
                            Interlocked.Increment(ref missed);
                            break;
                        }

                        await Task.Delay(Jitter(options.AcceptDelay), CancellationToken.None);
                        await me.AnswerAsync(callId);
                        Interlocked.Increment(ref answered);
                        await Task.Delay(Jitter(options.TalkTime), CancellationToken.None);
                        await FinishAsync(me, callId);
                        continue;
                    case OperatorPresence.OnCall when now.CallId is { } callId:
                        await FinishAsync(me, callId);
                        continue;
                    case OperatorPresence.WrapUp:
                        await me.EndWrapUpAsync();
                        continue;
                    case OperatorPresence.Offline or OperatorPresence.Break:
                        // Routing puts a bot that missed too many rings on Break; bots take no breaks.
                        await me.ChangePresenceAsync(options.CentreId, OperatorPresence.Available);
                        continue;
                }
            }
            catch (SosDomainException)
            {
                // The call or presence moved on meanwhile (another operator answered, the person hung up): look again
                // at the next poll or change.
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stop.IsCancellationRequested)
            {
                // The cluster could not answer (a silo died under the request, a timeout): as a console would, try again.
                Interlocked.Increment(ref failures);
            }

            await WaitAsync(stop);
        }

        await SignOffAsync(me);
    }

    private async Task FinishAsync(IOperatorGrain me, Guid callId)
    {
        await me.FinishCallAsync(callId, new CallClosure(Dispositions[random.Next(Dispositions.Length)], "simulated"));
        await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        await me.EndWrapUpAsync();
    }

    private async Task SignOffAsync(IOperatorGrain me)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            try
            {
                var now = await me.GetAsync();
                switch (now.Presence)
                {
                    case OperatorPresence.OnCall when now.CallId is { } callId:
                        await FinishAsync(me, callId);
                        break;
                    case OperatorPresence.WrapUp:
                        await me.EndWrapUpAsync();
                        break;
                    case OperatorPresence.Offline:
                        return;
                    default:
                        await me.ChangePresenceAsync(options.CentreId, OperatorPresence.Offline);
                        return;
                }
            }
            catch (SosDomainException)
            {
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Interlocked.Increment(ref failures);
                await Task.Delay(options.BotPoll, CancellationToken.None);
            }
        }
    }

    private TimeSpan Jitter(TimeSpan mean) => mean * (0.5 + random.NextDouble());

    private async Task WaitAsync(CancellationToken stop)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(options.BotPoll);
        try
        {
            await wake.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
