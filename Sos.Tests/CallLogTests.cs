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

    [Fact]
    public async Task BusyDaysLogKeepsTheLatestVersionOfEveryCallAcrossItsChunks()
    {
        var centre = $"log-{Guid.NewGuid():N}";
        var day = new DateOnly(2026, 12, 1);
        var log = fixture.Client.GetCallLog(centre, day);
        var opened = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        var calls = Enumerable.Range(0, 300).Select(i => CallSnapshot.None(Guid.NewGuid()) with
        {
            KioskId = $"kiosk-{i}",
            OpenedAt = opened.AddSeconds(i),
            Status = CallStatus.Connected,
            ConnectedOperator = "anna",
            ConnectedAt = opened.AddSeconds(i + 3),
        }).ToList();

        // Three versions of each call (answered, wrapped up, closed), more than one chunk holds, some side by side.
        await Task.WhenAll(calls.Select(c => log.RecordAsync(CallLogEntry.From(c))));
        await Task.WhenAll(calls.Select(c => log.RecordAsync(CallLogEntry.From(c with { Status = CallStatus.WrapUp, Disposition = CallDisposition.HelpGiven }))));
        foreach (var call in calls)
        {
            await log.RecordAsync(CallLogEntry.From(call with { Status = CallStatus.Closed, Disposition = CallDisposition.HelpGiven }));
        }

        var entries = await log.GetAsync();
        Assert.Equal(calls.Select(c => c.CallId), entries.Select(e => e.CallId));
        Assert.All(entries, e => Assert.Equal(CallStatus.Closed, e.Status));
        var chunk = await fixture.Client.GetGrain<ICallLogChunkGrain>($"{CallLogKey.For(centre, day)}/3").GetAsync();
        Assert.NotEmpty(chunk);
        Assert.True(chunk.Length <= 256);
    }
}
