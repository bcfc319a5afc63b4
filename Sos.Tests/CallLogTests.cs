using Sos.Grains.Abstractions;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

[Collection(ClusterCollection.Name)]
public sealed class CallLogTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ClosedCallIsInItsCentresLogOfTheDayWithItsIncident()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        await centre.AvailableAsync("anna");
        var receipt = await centre.PressAsync(await centre.AddKioskAsync());
        await centre.RingsAsync(receipt.CallId, "anna");
        await centre.PassAsync(TimeSpan.FromSeconds(4));
        await centre.AnswerAsync("anna", receipt.CallId);
        await centre.FinishAsync("anna", receipt.CallId, new CallClosure(CallDisposition.PatrolSent, "Robbery / theft", "PVL-12"));
        await centre.EndWrapUpAsync("anna");

        var call = await centre.Call(receipt.CallId).GetAsync();
        var log = await fixture.Client.GetCallLog(centre.Id, CallLogKey.DayOf(call.OpenedAt)).GetAsync();

        var entry = Assert.Single(log);
        Assert.Equal(receipt.CallId, entry.CallId);
        Assert.Equal(CallStatus.Closed, entry.Status);
        Assert.Equal(CallDisposition.PatrolSent, entry.Disposition);
        Assert.Equal("Robbery / theft", entry.IncidentCategory);
        Assert.Equal("PVL-12", entry.PatrolUnit);
        Assert.Equal(centre.Login("anna"), entry.Operator);
        Assert.Equal(TimeSpan.FromSeconds(4), entry.AnswerTime);
    }

    [Fact]
    public async Task AbandonedCallIsLoggedForACallBackUntilSomebodyCallsBack()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = await centre.AddKioskAsync();
        var receipt = await centre.PressAndQueueAsync(kiosk);
        await kiosk.CancelAsync(receipt.CallId);
        var day = CallLogKey.DayOf((await centre.Call(receipt.CallId).GetAsync()).OpenedAt);

        var abandoned = Assert.Single(await fixture.Client.GetCallLog(centre.Id, day).GetAsync());
        Assert.Equal(CallStatus.Abandoned, abandoned.Status);
        Assert.True(abandoned.NeedsCallback);

        var calledBack = await centre.Call(receipt.CallId).CallBackAsync(centre.Login("anna"), "nobody answered at the kiosk");

        Assert.False(calledBack.NeedsCallback);
        Assert.Contains(calledBack.Timeline, e => e.Kind == CallEventKind.CalledBack && e.Detail == "nobody answered at the kiosk");
        Assert.False(Assert.Single(await fixture.Client.GetCallLog(centre.Id, day).GetAsync()).NeedsCallback);
        await Assert.ThrowsAsync<InvalidCallTransitionException>(() => centre.Call(receipt.CallId).CallBackAsync(centre.Login("anna"), "again"));
    }

    [Fact]
    public async Task CallStillWaitingIsNotInTheLog()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var receipt = await centre.PressAndQueueAsync(await centre.AddKioskAsync());
        var call = await centre.Call(receipt.CallId).GetAsync();

        Assert.Empty(await fixture.Client.GetCallLog(centre.Id, CallLogKey.DayOf(call.OpenedAt)).GetAsync());
    }
}
