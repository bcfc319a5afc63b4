using Sos.Grains.Abstractions;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

[Collection(ClusterCollection.Name)]
public sealed class CallSessionGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task AcceptingACallThatRingsSomeoneElseIsRefusedAndChangesNothing()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        await centre.AvailableAsync("anna");
        centre.Clock.Advance(TimeSpan.FromSeconds(1));
        await centre.AvailableAsync("boris");
        var receipt = await centre.PressAsync(await centre.AddKioskAsync());
        var before = await centre.RingsAsync(receipt.CallId, "anna");

        var viaOperator = await Assert.ThrowsAsync<InvalidCallTransitionException>(() => centre.AnswerAsync("boris", receipt.CallId));
        var direct = await Assert.ThrowsAsync<InvalidCallTransitionException>(() => centre.Call(receipt.CallId).ConnectAsync(centre.Login("boris")));

        Assert.Contains($"expected Ringing operator {centre.Login("boris")}", viaOperator.Message);
        Assert.Equal(CallStatus.Ringing, direct.Status);
        var after = await centre.Call(receipt.CallId).GetAsync();
        Assert.Equal(CallStatus.Ringing, after.Status);
        Assert.Equal(before.RingingOperators, after.RingingOperators);
        Assert.Equal(before.Timeline.Length, after.Timeline.Length);
        Assert.Equal(OperatorPresence.Available, (await centre.Operator("boris").GetAsync()).Presence);
    }

    [Fact]
    public async Task ClosingAQueuedCallIsRefusedAndChangesNothing()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var receipt = await centre.PressAndQueueAsync(await centre.AddKioskAsync());
        var before = await centre.Call(receipt.CallId).GetAsync();

        var close = await Assert.ThrowsAsync<InvalidCallTransitionException>(() => centre.Call(receipt.CallId).CloseAsync(Actors.System));
        var finish = await Assert.ThrowsAsync<InvalidCallTransitionException>(
            () => centre.FinishAsync("anna", receipt.CallId, new CallClosure(CallDisposition.HelpGiven)));

        Assert.Contains("it is Queued; expected WrapUp", close.Message);
        Assert.Equal(CallStatus.Queued, finish.Status);
        var after = await centre.Call(receipt.CallId).GetAsync();
        Assert.Equal(CallStatus.Queued, after.Status);
        Assert.Null(after.Disposition);
        Assert.Equal(before.Timeline.Length, after.Timeline.Length);
    }

    [Fact]
    public async Task NotesAndIncidentAreRecordedOnlyByTheConnectedOperator()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        await centre.AvailableAsync("anna");
        var receipt = await centre.PressAsync(await centre.AddKioskAsync());
        await centre.RingsAsync(receipt.CallId, "anna");
        await centre.AnswerAsync("anna", receipt.CallId);
        var call = centre.Call(receipt.CallId);

        await call.UpdateNotesAsync(centre.Login("anna"), "Man");
        await call.UpdateNotesAsync(centre.Login("anna"), "Man fell near the stairs");
        await call.RecordIncidentAsync(centre.Login("anna"), "medical", "P-7");
        await Assert.ThrowsAsync<InvalidCallTransitionException>(() => call.UpdateNotesAsync(centre.Login("boris"), "hijack"));

        var after = await call.GetAsync();
        Assert.Equal("Man fell near the stairs", after.Notes);
        Assert.Equal("medical", after.IncidentCategory);
        Assert.Equal("P-7", after.PatrolUnit);
        Assert.Single(after.Timeline, e => e.Kind == CallEventKind.NotesUpdated);
    }

    [Fact]
    public async Task NotesFromACopyThatIsNoLongerTheCallsAreRefusedAndOverwriteNothing()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        await centre.AvailableAsync("anna");
        var receipt = await centre.PressAsync(await centre.AddKioskAsync());
        await centre.RingsAsync(receipt.CallId, "anna");
        await centre.AnswerAsync("anna", receipt.CallId);
        var call = centre.Call(receipt.CallId);
        await call.UpdateNotesAsync(centre.Login("anna"), "Man on the bridge.", basedOn: string.Empty);
        await call.UpdateNotesAsync(centre.Login("anna"), "Man on the bridge. Woman reports a fight.", basedOn: "Man on the bridge.");

        // A window still holding the first notes saves its own text: refused, and told what the call has.
        var conflict = await Assert.ThrowsAsync<NotesConflictException>(
            () => call.UpdateNotesAsync(centre.Login("anna"), "Man on the bridge. Patrol asked.", basedOn: "Man on the bridge."));

        Assert.Equal("Man on the bridge. Woman reports a fight.", conflict.CurrentNotes);
        Assert.Equal("Man on the bridge. Woman reports a fight.", (await call.GetAsync()).Notes);
    }

    [Fact]
    public async Task TimelineRecordsEveryStepFromPressToClose()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        await centre.AvailableAsync("anna");
        var receipt = await centre.PressAsync(await centre.AddKioskAsync());
        await centre.RingsAsync(receipt.CallId, "anna");
        await centre.AnswerAsync("anna", receipt.CallId);
        await centre.FinishAsync("anna", receipt.CallId, new CallClosure(CallDisposition.Prank));
        await centre.EndWrapUpAsync("anna");

        var call = await centre.Call(receipt.CallId).GetAsync();

        Assert.Equal(
            [CallEventKind.Pressed, CallEventKind.Queued, CallEventKind.Ringing, CallEventKind.Connected, CallEventKind.WrapUpStarted, CallEventKind.Closed],
            call.Timeline.Select(e => e.Kind));
        Assert.Equal(Actors.Operator(centre.Login("anna")), call.Timeline[3].Actor);
        Assert.Equal(CallStatus.Closed, call.Status);
        Assert.Null((await fixture.Client.GetKiosk(call.KioskId).GetAsync()).OpenCallId);
    }

    [Fact]
    public async Task OperatorOnACallCannotGoOnBreak()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        await centre.AvailableAsync("anna");
        var receipt = await centre.PressAsync(await centre.AddKioskAsync());
        await centre.RingsAsync(receipt.CallId, "anna");
        await centre.AnswerAsync("anna", receipt.CallId);

        var refused = await Assert.ThrowsAsync<InvalidPresenceChangeException>(() => centre.Operator("anna").ChangePresenceAsync(centre.Id, OperatorPresence.Break));

        Assert.Equal(OperatorPresence.OnCall, refused.From);
        Assert.Equal(OperatorPresence.OnCall, (await centre.Operator("anna").GetAsync()).Presence);
    }
}
