using System.Collections.Immutable;
using Sos.Grains.Abstractions;
using Sos.Simulator;
using Sos.Simulator.Chaos;

namespace Sos.Tests;

/// <summary>How the chaos run judges a kill from the call timelines, the acknowledgements and routing's answers.</summary>
public sealed class ChaosAnalysisTests
{
    private static readonly DateTimeOffset Kill = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
    private static readonly SiloKill TheKill = new(1, ChaosScenario.RoutingSilo, 0, "S127.0.0.1:11111:1", Kill, Kill.AddSeconds(1), Kill.AddSeconds(8));

    [Fact]
    public void QueuedCallCountsFromTheKillToItsFirstRing()
    {
        var call = Call(-0.5, (CallEventKind.Ringing, 2.5), (CallEventKind.Connected, 3.0));

        var (result, seconds) = ChaosAnalysis.Failover(TheKill, [], Calls(call), NeverSeen);

        Assert.Equal(1, result.AffectedCalls);
        Assert.Equal(2.5, result.FailoverSeconds);
        Assert.Equal(call.CallId, result.SlowestCallId);
        Assert.Equal([2.5], seconds.Select(s => Math.Round(s, 2)));
    }

    [Fact]
    public void CallRingingThroughTheKillCountsFromWhenLiveRoutingHeldItRinging()
    {
        var call = Call(-2, (CallEventKind.Ringing, -1.5), (CallEventKind.Connected, 4));

        var (result, _) = ChaosAnalysis.Failover(TheKill, [], Calls(call), (id, from) => id == call.CallId ? from.AddSeconds(1.25) : null);

        Assert.Equal(1.25, result.FailoverSeconds);
    }

    [Fact]
    public void CallAnsweredBeforeTheKillIsNotAffectedEvenWhenAPressJoinsItDuringTheOutage()
    {
        var call = Call(-5, (CallEventKind.Ringing, -4.9), (CallEventKind.Connected, -4));
        var joined = new PressAcknowledgement(Guid.NewGuid(), call.CallId, call.KioskId, Kill.AddSeconds(0.5), Joined: true);

        var (result, _) = ChaosAnalysis.Failover(TheKill, [joined], Calls(call), NeverSeen);

        Assert.Equal(0, result.AffectedCalls);
        Assert.Equal(1, result.AcknowledgedInOutage);
    }

    [Fact]
    public void CallAcknowledgedDuringTheOutageIsAffected()
    {
        var call = Call(0.4, (CallEventKind.Ringing, 1.9));
        var pressed = new PressAcknowledgement(Guid.NewGuid(), call.CallId, call.KioskId, Kill.AddSeconds(0.6), Joined: false);

        var (result, _) = ChaosAnalysis.Failover(TheKill, [pressed], Calls(call), NeverSeen);

        Assert.Equal(1, result.AffectedCalls);
        Assert.Equal(1.9, result.FailoverSeconds);
    }

    [Fact]
    public void KillWithACallThatNeverRangAgainHasNoFailoverTime()
    {
        var rang = Call(-1, (CallEventKind.Ringing, 1));
        var stuck = Call(-1);

        var (result, _) = ChaosAnalysis.Failover(TheKill, [], Calls(rang, stuck), NeverSeen);

        Assert.Equal(2, result.AffectedCalls);
        Assert.Null(result.FailoverSeconds);
        Assert.Equal(stuck.CallId, result.SlowestCallId);
    }

    [Fact]
    public void AcknowledgedPressIsLostUnlessItsCallWasAnsweredOrHungUpOnByThePerson()
    {
        var answered = Call(-1, (CallEventKind.Ringing, 0), (CallEventKind.Connected, 1)) with { ConnectedAt = Kill.AddSeconds(1) };
        var waiting = Call(-1);
        var hungUp = Call(-1) with { Status = CallStatus.Abandoned };
        var presses = new[] { answered, waiting, hungUp }.Select(c => new PressAcknowledgement(Guid.NewGuid(), c.CallId, c.KioskId, Kill, false)).ToList();

        var lost = ChaosAnalysis.Lost(presses, Calls(answered, waiting, hungUp), new HashSet<Guid> { hungUp.CallId });

        Assert.Equal([waiting.CallId], lost.Select(p => p.CallId));
    }

    [Fact]
    public void CallsTheKiosksOpenedBeyondTheAcknowledgedOnesAreDuplicates()
    {
        Assert.Equal(0, ChaosAnalysis.Duplicates(0, callsOpenedByKiosks: 100, callsAcknowledged: 100, pressesNeverAcknowledged: 0));
        Assert.Equal(0, ChaosAnalysis.Duplicates(0, callsOpenedByKiosks: 101, callsAcknowledged: 100, pressesNeverAcknowledged: 1));
        Assert.Equal(2, ChaosAnalysis.Duplicates(1, callsOpenedByKiosks: 101, callsAcknowledged: 100, pressesNeverAcknowledged: 0));
    }

    private static DateTimeOffset? NeverSeen(Guid callId, DateTimeOffset from) => null;

    private static Dictionary<Guid, CallSnapshot> Calls(params CallSnapshot[] calls) => calls.ToDictionary(c => c.CallId);

    private static CallSnapshot Call(double openedAt, params (CallEventKind Kind, double At)[] steps)
    {
        var opened = Kill.AddSeconds(openedAt);
        var timeline = ImmutableArray.Create(new CallEvent(opened, CallEventKind.Pressed, "kiosk:k", null), new CallEvent(opened, CallEventKind.Queued, "system", null))
            .AddRange(steps.Select(s => new CallEvent(Kill.AddSeconds(s.At), s.Kind, "system", null)));
        var status = steps.Length == 0 ? CallStatus.Queued : steps[^1].Kind == CallEventKind.Connected ? CallStatus.Connected : CallStatus.Ringing;
        return CallSnapshot.None(Guid.NewGuid()) with { KioskId = "k", OpenedAt = opened, Status = status, Timeline = timeline };
    }
}
