using Microsoft.Extensions.Options;
using Sos.Console.Hosting;
using Sos.Console.Services;
using Sos.Grains.Abstractions;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

[Collection(ClusterCollection.Name)]
public sealed class CentreDayTests(ClusterFixture fixture)
{
    [Fact]
    public async Task CallsAreInTheCentresLocalDayOfHistoryAndFigures()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        await fixture.Client.GetCentre(centre.Id).SetTimeZoneAsync("Asia/Almaty", Actors.Tool("test"));
        var almaty = (await fixture.Client.GetCentre(centre.Id).GetAsync()).Zone;
        Assert.Equal(TimeSpan.FromHours(5), almaty.GetUtcOffset(fixture.Clock.GetUtcNow()));
        var kiosk = await centre.AddKioskAsync();

        // 23:30 in Pavlodar (18:30 UTC), and an hour later 00:30 of the next local day (still the same UTC day).
        var local = TimeZoneInfo.ConvertTime(fixture.Clock.GetUtcNow(), almaty);
        var lateEvening = new DateTimeOffset(local.Date.AddDays(1).AddHours(23).AddMinutes(30), TimeSpan.FromHours(5));
        fixture.Clock.Advance(lateEvening - fixture.Clock.GetUtcNow());
        var evening = await AbandonedCallAsync(centre, kiosk);
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        var night = await AbandonedCallAsync(centre, kiosk);
        var day = DateOnly.FromDateTime(lateEvening.DateTime);
        Assert.Equal(CallLogKey.DayOf(evening.OpenedAt), CallLogKey.DayOf(night.OpenedAt));

        var history = new HistoryService(fixture.Client, Options.Create(new ConsoleOptions()));
        var eveningDay = await Poll.UntilAsync(() => history.QueryAsync(centre.Id, new HistoryQuery(day, day), almaty), e => e.Count > 0, "the evening's history", TimeSpan.FromSeconds(10));
        var nightDay = await Poll.UntilAsync(() => history.QueryAsync(centre.Id, new HistoryQuery(day.AddDays(1), day.AddDays(1)), almaty), e => e.Count > 0, "the night's history", TimeSpan.FromSeconds(10));
        Assert.Equal([evening.CallId], eveningDay.Select(e => e.CallId));
        Assert.Equal([night.CallId], nightDay.Select(e => e.CallId));

        // Today's figures at 00:35 count the night's call only: the evening's belongs to yesterday.
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        var wall = new WallService(fixture.Client, new KioskAdminService(fixture.Client), fixture.Clock);
        var snapshot = await wall.LoadAsync(centre.Id);
        Assert.Equal(day.AddDays(1), snapshot.Today);
        Assert.Equal([night.CallId], snapshot.TodayLog.Select(e => e.CallId));
        var board = new WallBoard(centre.Id);
        board.Load(snapshot);
        Assert.Equal(1, board.Figures(fixture.Clock.GetUtcNow()).Abandoned);
    }

    private static async Task<CallSnapshot> AbandonedCallAsync(TestCentre centre, IKioskGrain kiosk)
    {
        var receipt = await centre.PressAndQueueAsync(kiosk);
        await kiosk.CancelAsync(receipt.CallId);
        return await Poll.UntilAsync(() => centre.Call(receipt.CallId).GetAsync(), c => c.Status == CallStatus.Abandoned, "the abandoned call", TimeSpan.FromSeconds(10));
    }
}
