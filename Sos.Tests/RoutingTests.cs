using Sos.Grains.Abstractions;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

[Collection(ClusterCollection.Name)]
public sealed class RoutingTests(ClusterFixture fixture)
{
    private static readonly TimeSpan RingTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task PressRingsTheOperatorWhoHasBeenIdleLongest()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = await centre.AddKioskAsync();
        await centre.AvailableAsync("boris");
        centre.Clock.Advance(TimeSpan.FromSeconds(1));
        await centre.AvailableAsync("anna");

        var receipt = await centre.PressAsync(kiosk);

        var ringing = await centre.RingsAsync(receipt.CallId, "boris");
        Assert.Equal(1, ringing.Attempt);
        // The call tells its operator one way: waited for, not read at once.
        var boris = await Poll.UntilAsync(centre.Operator("boris").GetAsync, o => o.Presence == OperatorPresence.Ringing, "boris told his console rings", TimeSpan.FromSeconds(10));
        Assert.Equal(receipt.CallId, boris.CallId);
        Assert.Equal(OperatorPresence.Available, (await centre.Operator("anna").GetAsync()).Presence);
    }

    [Fact]
    public async Task UnansweredRingGoesToTheNextOperatorAndCountsAsMissed()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = await centre.AddKioskAsync();
        await centre.AvailableAsync("anna");
        centre.Clock.Advance(TimeSpan.FromSeconds(1));
        await centre.AvailableAsync("boris");
        var receipt = await centre.PressAsync(kiosk);
        await centre.RingsAsync(receipt.CallId, "anna");

        await centre.PassAsync(RingTimeout);

        var ringing = await centre.RingsAsync(receipt.CallId, "boris");
        Assert.Equal(2, ringing.Attempt);
        Assert.Contains(ringing.Timeline, e => e.Kind == CallEventKind.Missed && e.Actor == Actors.Operator(centre.Login("anna")));
        // The call tells anna one way that she missed it.
        var anna = await Poll.UntilAsync(centre.Operator("anna").GetAsync, o => o.Missed > 0, "anna counting the miss", TimeSpan.FromSeconds(10));
        Assert.Equal(OperatorPresence.Available, anna.Presence);
        Assert.Equal(1, anna.Missed);
    }

    [Fact]
    public async Task RingThatHasNotTimedOutKeepsRingingTheSameOperator()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = await centre.AddKioskAsync();
        await centre.AvailableAsync("anna");
        centre.Clock.Advance(TimeSpan.FromSeconds(1));
        await centre.AvailableAsync("boris");
        var receipt = await centre.PressAsync(kiosk);
        await centre.RingsAsync(receipt.CallId, "anna");

        await centre.PassAsync(RingTimeout - TimeSpan.FromMilliseconds(1));

        var call = await centre.Call(receipt.CallId).GetAsync();
        Assert.Equal([centre.Login("anna")], call.RingingOperators);
        Assert.Equal(OperatorPresence.Available, (await centre.Operator("boris").GetAsync()).Presence);
    }

    [Fact]
    public async Task MissedOffersInARowPutTheOperatorOnBreakAndTheCallKeepsWaiting()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = await centre.AddKioskAsync();
        await centre.AvailableAsync("anna");
        var receipt = await centre.PressAsync(kiosk);
        await centre.RingsAsync(receipt.CallId, "anna");

        await centre.PassAsync(RingTimeout);
        await centre.Calls.WaitForAsync(c => c.CallId == receipt.CallId && c.Attempt == 2 && c.Status == CallStatus.Ringing, "the second offer to anna");
        await centre.PassAsync(RingTimeout);

        var anna = await Poll.UntilAsync(centre.Operator("anna").GetAsync, o => o.MissedInRow >= 2, "anna counting the second miss", TimeSpan.FromSeconds(10));
        Assert.Equal(OperatorPresence.Break, anna.Presence);
        Assert.Equal(2, anna.MissedInRow);
        Assert.Contains("missed 2 offers in a row", anna.PresenceReason);
        Assert.Equal(CallStatus.Queued, (await centre.Call(receipt.CallId).GetAsync()).Status);
        Assert.Contains((await centre.Routing.GetAsync()).Waiting, w => w.CallId == receipt.CallId);
    }

    [Fact]
    public async Task CallWaitsWhileNobodyIsAvailableAndRingsTheFirstOperatorWhoBecomesAvailable()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = await centre.AddKioskAsync();
        var receipt = await centre.PressAndQueueAsync(kiosk);
        await centre.PassAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(CallStatus.Queued, (await centre.Call(receipt.CallId).GetAsync()).Status);
        await centre.AvailableAsync("anna");

        await centre.RingsAsync(receipt.CallId, "anna");
    }

    [Fact]
    public async Task HigherPriorityCallRingsBeforeAnOlderOne()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var quiet = await centre.AddKioskAsync();
        var urgent = await centre.AddKioskAsync();
        var older = await centre.PressAndQueueAsync(quiet);
        centre.Clock.Advance(TimeSpan.FromSeconds(1));
        var newer = await centre.PressAsync(urgent);
        await centre.PressAsync(urgent);
        await centre.ResubmitAsync(newer.CallId);

        await centre.AvailableAsync("anna");

        await centre.RingsAsync(newer.CallId, "anna");
        Assert.Equal(CallStatus.Queued, (await centre.Call(older.CallId).GetAsync()).Status);
    }

    [Fact]
    public async Task AmongEqualPrioritiesTheLongestWaitingCallRingsFirst()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var first = await centre.PressAndQueueAsync(await centre.AddKioskAsync());
        centre.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await centre.PressAndQueueAsync(await centre.AddKioskAsync());

        await centre.AvailableAsync("anna");

        await centre.RingsAsync(first.CallId, "anna");
        Assert.Equal(CallStatus.Queued, (await centre.Call(second.CallId).GetAsync()).Status);
    }

    [Fact]
    public async Task WrapUpIsRespectedBeforeTheNextOffer()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        await centre.AvailableAsync("anna");
        var first = await centre.PressAsync(await centre.AddKioskAsync());
        await centre.RingsAsync(first.CallId, "anna");
        await centre.AnswerAsync("anna", first.CallId);
        var wrapUp = await centre.FinishAsync("anna", first.CallId, new CallClosure(CallDisposition.HelpGiven));
        Assert.Equal(CallStatus.WrapUp, wrapUp.Status);

        var second = await centre.PressAndQueueAsync(await centre.AddKioskAsync());
        await centre.PassAsync(TimeSpan.FromSeconds(14));
        Assert.Equal(CallStatus.Queued, (await centre.Call(second.CallId).GetAsync()).Status);
        Assert.Equal(OperatorPresence.WrapUp, (await centre.Operator("anna").GetAsync()).Presence);

        await centre.PassAsync(TimeSpan.FromSeconds(1));

        await centre.RingsAsync(second.CallId, "anna");
        var closed = await centre.Call(first.CallId).GetAsync();
        Assert.Equal(CallStatus.Closed, closed.Status);
        Assert.Equal(CallDisposition.HelpGiven, closed.Disposition);
    }

    [Fact]
    public async Task OperatorWhoEndsWrapUpEarlyGetsTheNextCallAtOnce()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        await centre.AvailableAsync("anna");
        var first = await centre.PressAsync(await centre.AddKioskAsync());
        await centre.RingsAsync(first.CallId, "anna");
        await centre.AnswerAsync("anna", first.CallId);
        await centre.FinishAsync("anna", first.CallId, new CallClosure(CallDisposition.PatrolSent, "fight", "P-12"));
        var second = await centre.PressAndQueueAsync(await centre.AddKioskAsync());

        await centre.EndWrapUpAsync("anna");

        await centre.RingsAsync(second.CallId, "anna");
        var closed = await centre.Call(first.CallId).GetAsync();
        Assert.Equal(CallStatus.Closed, closed.Status);
        Assert.Equal("P-12", closed.PatrolUnit);
    }

    [Fact]
    public async Task TalkTimeAndAnswersAreCountedWhenACallEnds()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        await centre.AvailableAsync("anna");
        var receipt = await centre.PressAsync(await centre.AddKioskAsync());
        await centre.RingsAsync(receipt.CallId, "anna");
        await centre.AnswerAsync("anna", receipt.CallId);
        centre.Clock.Advance(TimeSpan.FromSeconds(42));

        await centre.FinishAsync("anna", receipt.CallId, new CallClosure(CallDisposition.FalseAlarm));

        var anna = await centre.Operator("anna").GetAsync();
        Assert.Equal(1, anna.Answered);
        Assert.Equal(TimeSpan.FromSeconds(42), anna.TalkTime);
        Assert.Equal(OperatorPresence.WrapUp, anna.Presence);
    }

    [Fact]
    public async Task AbandonWhileRingingStopsTheRingAndFreesTheOperator()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = await centre.AddKioskAsync();
        await centre.AvailableAsync("anna");
        var receipt = await centre.PressAsync(kiosk);
        await centre.RingsAsync(receipt.CallId, "anna");
        var mark = centre.Operators.Mark();

        await kiosk.CancelAsync(receipt.CallId);

        var anna = await centre.BecomesAsync("anna", OperatorPresence.Available, mark);
        Assert.Null(anna.CallId);
        Assert.Equal(0, anna.Missed);
        var call = await centre.Call(receipt.CallId).GetAsync();
        Assert.Equal(CallStatus.Abandoned, call.Status);
        Assert.True(call.NeedsCallback);
        Assert.DoesNotContain((await centre.Routing.GetAsync()).Waiting, w => w.CallId == receipt.CallId);
    }

    [Fact]
    public async Task OperatorWhoGoesOnBreakWhileRingingHandsTheCallToTheNextOperator()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        await centre.AvailableAsync("anna");
        centre.Clock.Advance(TimeSpan.FromSeconds(1));
        await centre.AvailableAsync("boris");
        var receipt = await centre.PressAsync(await centre.AddKioskAsync());
        await centre.RingsAsync(receipt.CallId, "anna");

        await centre.Operator("anna").ChangePresenceAsync(centre.Id, OperatorPresence.Break);

        var ringing = await centre.RingsAsync(receipt.CallId, "boris");
        Assert.Contains(ringing.Timeline, e => e.Kind == CallEventKind.OfferWithdrawn);
        Assert.Equal(0, (await centre.Operator("anna").GetAsync()).Missed);
    }

    [Fact]
    public async Task CallWaitingPastTheServiceLevelIsEscalatedToSupervisors()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var receipt = await centre.PressAndQueueAsync(await centre.AddKioskAsync());

        await centre.PassAsync(TimeSpan.FromSeconds(15));

        var escalation = await centre.Escalations.WaitForAsync(e => e.CallId == receipt.CallId, "an escalation");
        Assert.Equal(TimeSpan.FromSeconds(15), escalation.EscalatedAt - escalation.WaitingSince);
        var call = await centre.Call(receipt.CallId).GetAsync();
        Assert.True(call.Escalated);
        Assert.Single(call.Timeline, e => e.Kind == CallEventKind.Escalated);
        await centre.PassAsync(TimeSpan.FromSeconds(15));
        Assert.Single(centre.Escalations.Items, e => e.CallId == receipt.CallId);
    }
}
