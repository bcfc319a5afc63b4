using Sos.Grains.Abstractions;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

[Collection(ClusterCollection.Name)]
public sealed class SupervisorTests(ClusterFixture fixture)
{
    [Fact]
    public async Task SupervisorTakesOverARingingCallAndTheTimelineSaysWhoAndWhy()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        await centre.AccountAsync("sam");
        await centre.AvailableAsync("anna");
        var receipt = await centre.PressAsync(await centre.AddKioskAsync());
        await centre.RingsAsync(receipt.CallId, "anna");
        var mark = centre.Operators.Mark();

        var taken = await fixture.Client.GetSupervision().TakeOverAsync(centre.Login("sam"), receipt.CallId, "caller is my relative");

        Assert.Equal(CallStatus.Connected, taken.Status);
        Assert.Equal(centre.Login("sam"), taken.ConnectedOperator);
        var step = Assert.Single(taken.Timeline, e => e.Kind == CallEventKind.TakenOver);
        Assert.Equal(Actors.Operator(centre.Login("sam")), step.Actor);
        Assert.Equal($"from ringing {centre.Login("anna")}: caller is my relative", step.Detail);
        Assert.Equal(OperatorPresence.OnCall, (await centre.Operator("sam").GetAsync()).Presence);

        // The call tells anna and routing one way that it no longer rings or waits.
        var anna = await centre.BecomesAsync("anna", OperatorPresence.Available, mark);
        Assert.Equal(0, anna.Missed);
        await Poll.UntilAsync(centre.Routing.GetAsync, routing => routing.Waiting.All(w => w.CallId != receipt.CallId), "routing letting the taken call go", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task SupervisorTakesOverAConnectedCallAndTheOperatorIsFreed()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        await centre.AccountAsync("sam");
        await centre.AvailableAsync("anna");
        var receipt = await centre.PressAsync(await centre.AddKioskAsync());
        await centre.RingsAsync(receipt.CallId, "anna");
        await centre.AnswerAsync("anna", receipt.CallId);
        await centre.Call(receipt.CallId).UpdateNotesAsync(centre.Login("anna"), "drunk man, aggressive");

        var taken = await fixture.Client.GetSupervision().TakeOverAsync(centre.Login("sam"), receipt.CallId, "escalating");

        Assert.Equal(centre.Login("sam"), taken.ConnectedOperator);
        Assert.Equal("drunk man, aggressive", taken.Notes);
        Assert.Contains(taken.Timeline, e => e.Kind == CallEventKind.TakenOver && e.Detail == $"from {centre.Login("anna")}: escalating");
        var anna = await centre.Operator("anna").GetAsync();
        Assert.Equal(OperatorPresence.Available, anna.Presence);
        Assert.Null(anna.CallId);
        var closed = await centre.FinishAsync("sam", receipt.CallId, new CallClosure(CallDisposition.PatrolSent, "Public disorder", "PVL-3"));
        Assert.Equal(CallStatus.WrapUp, closed.Status);
    }

    [Fact]
    public async Task SupervisorReassignsARingingCallToTheChosenOperator()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        await centre.AccountAsync("sam");
        await centre.AvailableAsync("anna");
        centre.Clock.Advance(TimeSpan.FromSeconds(1));
        await centre.AvailableAsync("boris");
        var receipt = await centre.PressAsync(await centre.AddKioskAsync());
        await centre.RingsAsync(receipt.CallId, "anna");
        var mark = centre.Operators.Mark();

        await fixture.Client.GetSupervision().ReassignAsync(centre.Login("sam"), receipt.CallId, centre.Login("boris"), "boris speaks Kazakh");

        var ringing = await centre.RingsAsync(receipt.CallId, "boris");
        Assert.Contains(ringing.Timeline, e => e.Kind == CallEventKind.Reassigned
            && e.Actor == Actors.Operator(centre.Login("sam"))
            && e.Detail == $"to {centre.Login("boris")}: boris speaks Kazakh");

        // The call tells anna one way that its offer to her is over.
        var anna = await centre.BecomesAsync("anna", OperatorPresence.Available, mark);
        Assert.Null(anna.CallId);
        Assert.Equal(0, anna.Missed);
    }

    [Fact]
    public async Task SupervisorReassignsAConnectedCallToAnAvailableOperator()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        await centre.AccountAsync("sam");
        await centre.AvailableAsync("anna");
        var receipt = await centre.PressAsync(await centre.AddKioskAsync());
        await centre.RingsAsync(receipt.CallId, "anna");
        await centre.AnswerAsync("anna", receipt.CallId);
        await centre.AvailableAsync("boris");

        var moved = await fixture.Client.GetSupervision().ReassignAsync(centre.Login("sam"), receipt.CallId, centre.Login("boris"), "anna's shift ends");

        Assert.Equal(CallStatus.Connected, moved.Status);
        Assert.Equal(centre.Login("boris"), moved.ConnectedOperator);
        Assert.Contains(moved.Timeline, e => e.Kind == CallEventKind.Reassigned && e.Detail == $"from {centre.Login("anna")} to {centre.Login("boris")}: anna's shift ends");
        Assert.Equal(OperatorPresence.OnCall, (await centre.Operator("boris").GetAsync()).Presence);
        Assert.Equal(OperatorPresence.Available, (await centre.Operator("anna").GetAsync()).Presence);
    }

    [Fact]
    public async Task ReassigningToAnOperatorWhoIsNotAvailableIsRefusedAndChangesNothing()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        await centre.AccountAsync("sam");
        await centre.AvailableAsync("anna");
        var receipt = await centre.PressAsync(await centre.AddKioskAsync());
        var before = await centre.RingsAsync(receipt.CallId, "anna");
        await centre.Operator("boris").ChangePresenceAsync(centre.Id, OperatorPresence.Break);

        await Assert.ThrowsAsync<InvalidPresenceChangeException>(() =>
            fixture.Client.GetSupervision().ReassignAsync(centre.Login("sam"), receipt.CallId, centre.Login("boris"), "try"));

        var after = await centre.Call(receipt.CallId).GetAsync();
        Assert.Equal(before.Timeline.Length, after.Timeline.Length);
        Assert.Equal([centre.Login("anna")], after.RingingOperators);
    }

    [Fact]
    public async Task OnlyASupervisorOfTheCallsOwnCentreMayTakeItOverAndATakeOverIsAudited()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        await centre.AccountAsync("sam");
        await centre.AccountAsync("dina", [AccountRole.Dispatcher]);
        await centre.AccountAsync("olga", centreId: "another-centre");
        await centre.AvailableAsync("anna");
        var receipt = await centre.PressAsync(await centre.AddKioskAsync());
        await centre.RingsAsync(receipt.CallId, "anna");
        var supervision = fixture.Client.GetSupervision();

        var dispatcher = await Assert.ThrowsAsync<AccessRefusedException>(() => supervision.TakeOverAsync(centre.Login("dina"), receipt.CallId, "curious"));
        Assert.Contains("only an enabled supervisor may", dispatcher.Message, StringComparison.Ordinal);
        var stranger = await Assert.ThrowsAsync<AccessRefusedException>(() => supervision.TakeOverAsync(centre.Login("olga"), receipt.CallId, "curious"));
        Assert.Contains("they supervise centre another-centre", stranger.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<AccessRefusedException>(() => supervision.TakeOverAsync(centre.Login("nobody"), receipt.CallId, "curious"));
        await Assert.ThrowsAsync<AccessRefusedException>(() => supervision.ReassignAsync(centre.Login("dina"), receipt.CallId, centre.Login("anna"), "curious"));
        Assert.Equal(CallStatus.Ringing, (await centre.Call(receipt.CallId).GetAsync()).Status);

        await supervision.TakeOverAsync(centre.Login("sam"), receipt.CallId, "caller is my relative");
        var audited = await fixture.Client.GetAudit().SearchAsync(new AuditQuery(Text: receipt.CallId.ToString(), Action: AuditActions.CallTakenOver));
        var entry = Assert.Single(audited);
        Assert.Equal(Actors.Operator(centre.Login("sam")), entry.Actor);
        Assert.Equal($"call:{receipt.CallId}", entry.Subject);
        Assert.Contains("caller is my relative", entry.Detail, StringComparison.Ordinal);
    }
}
