using Sos.Grains.Abstractions;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

/// <summary>Two operations centres share a queue: calls overflow by the home centre's rules, on a two-silo cluster.</summary>
[Collection(ClusterCollection.Name)]
public sealed class OverflowTests(ClusterFixture fixture)
{
    [Fact]
    public async Task CallOverflowsToThePartnerWhenNobodyIsFreeAtHomeAndKeepsItsHomeCentre()
    {
        await using var home = await TestCentre.StartAsync(fixture);
        await using var partner = await TestCentre.StartAsync(fixture);
        await home.Routing.SetOverflowAsync(new CentreOverflow([partner.Id], null, true, 0, QueueStateKind.Active), Actors.Tool("test"));
        await partner.AvailableAsync("nurlan");
        await PartnerTakesOverflowAsync(home, partner);

        var receipt = await home.PressAsync(await home.AddKioskAsync());

        var ringing = await partner.Operators.WaitForAsync(o => o.Login == partner.Login("nurlan") && o.Presence == OperatorPresence.Ringing, "the partner's operator ringing");
        Assert.Equal(receipt.CallId, ringing.CallId);
        var connected = await partner.Operator("nurlan").AnswerAsync(receipt.CallId);
        Assert.Equal(home.Id, connected.CentreId);
        Assert.Contains(connected.Timeline, e => e.Kind == CallEventKind.Connected && e.Detail!.Contains($"in centre {partner.Id}", StringComparison.Ordinal));
        Assert.Equal(partner.Id, (await partner.Operator("nurlan").GetAsync()).CentreId);
        await Poll.UntilAsync(
            async () => (Home: await home.Routing.GetAsync(), Partner: await partner.Routing.GetAsync()),
            both => both.Home.Waiting.All(w => w.CallId != receipt.CallId) && both.Partner.Waiting.All(w => w.CallId != receipt.CallId),
            "both queues letting the answered call go",
            TimeSpan.FromSeconds(10));
        var log = await fixture.Client.GetCallLog(home.Id, CallLogKey.DayOf(connected.OpenedAt)).GetAsync();
        Assert.Contains(log, e => e.CallId == receipt.CallId);
    }

    [Fact]
    public async Task CallOverflowsOnlyAfterWaitingLongerThanItsHomeCentresRule()
    {
        await using var home = await TestCentre.StartAsync(fixture);
        await using var partner = await TestCentre.StartAsync(fixture);
        await home.Routing.SetOverflowAsync(new CentreOverflow([partner.Id], TimeSpan.FromSeconds(20), false, 0, QueueStateKind.Active), Actors.Tool("test"));
        await partner.AvailableAsync("nurlan");
        await PartnerTakesOverflowAsync(home, partner);
        var receipt = await home.PressAndQueueAsync(await home.AddKioskAsync());

        await home.PassAsync(TimeSpan.FromSeconds(10));
        await partner.Routing.TickAsync();
        await home.Routing.TickAsync();
        Assert.DoesNotContain((await partner.Routing.GetAsync()).Waiting, w => w.CallId == receipt.CallId);
        Assert.Equal(CallStatus.Queued, (await home.Call(receipt.CallId).GetAsync()).Status);

        await home.PassAsync(TimeSpan.FromSeconds(10));
        await partner.Routing.TickAsync();
        await home.Routing.TickAsync();

        // The call's own state is the truth (its change notification is only a hint).
        var ringing = await Poll.UntilAsync(
            () => home.Call(receipt.CallId).GetAsync(), c => c.Status == CallStatus.Ringing, "the call ringing in the partner centre", TimeSpan.FromSeconds(15));
        Assert.Equal([partner.Login("nurlan")], ringing.RingingOperators);
        Assert.Equal(partner.Id, ringing.OfferedBy);
    }

    [Fact]
    public async Task InactiveCentreSendsItsCallsToAPartnerAndEachSeesTheOthersQueueState()
    {
        await using var city = await TestCentre.StartAsync(fixture);
        await using var night = await TestCentre.StartAsync(fixture);
        await city.Routing.SetOverflowAsync(new CentreOverflow([night.Id], null, false, 10, QueueStateKind.Inactive), Actors.Tool("test"));
        await city.AvailableAsync("anna");
        await night.AvailableAsync("nurlan");
        await PartnerTakesOverflowAsync(city, night);

        var seen = await Poll.UntilAsync(
            night.Routing.GetAsync,
            routing => routing.Partners.Any(p => p.CentreId == city.Id && p.State == QueueStateKind.Inactive && p.Maximum == 10),
            "the night centre seeing the city centre's queue state",
            TimeSpan.FromSeconds(10));
        Assert.Equal(QueueStateKind.Active, seen.Queue!.State);

        var receipt = await city.PressAndQueueAsync(await city.AddKioskAsync());
        await city.Routing.TickAsync();

        var ringing = await city.Calls.WaitForAsync(c => c.CallId == receipt.CallId && c.Status == CallStatus.Ringing, "the call ringing somewhere");
        Assert.NotNull(ringing.OfferedBy);
    }

    [Fact]
    public async Task OverflowSettingsThatNameTheCentreItselfAreRefused()
    {
        await using var home = await TestCentre.StartAsync(fixture);

        var refused = await Assert.ThrowsAsync<SosDomainException>(() => home.Routing.SetOverflowAsync(new CentreOverflow([home.Id], TimeSpan.Zero, false, -1, QueueStateKind.Active), Actors.Tool("test")));

        Assert.Contains("partners other than the centre itself", refused.Message, StringComparison.Ordinal);
        Assert.Contains("an overflow wait above zero", refused.Message, StringComparison.Ordinal);
        Assert.Contains("a maximum queue", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>Waits until the home centre has heard that the partner takes overflow (they tell each other every second).</summary>
    private static async Task PartnerTakesOverflowAsync(TestCentre home, TestCentre partner)
    {
        await Poll.UntilAsync(
            async () =>
            {
                await home.Routing.TickAsync();
                await partner.Routing.TickAsync();
                return await home.Routing.GetAsync();
            },
            routing => routing.Partners.Any(p => p.CentreId == partner.Id && p.FreeOperators > 0 && p.State == QueueStateKind.Active),
            $"centre {home.Id} hearing that {partner.Id} takes overflow",
            TimeSpan.FromSeconds(10));
    }
}
