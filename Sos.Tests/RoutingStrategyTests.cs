using Sos.Grains.Abstractions;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

[Collection(ClusterCollection.Name)]
public sealed class RoutingStrategyTests(ClusterFixture fixture)
{
    [Fact]
    public async Task RoundRobinRingsOperatorsInTurnWhateverTheirIdleTime()
    {
        await using var centre = await TestCentre.StartAsync(fixture, RoutingStrategy.RoundRobin);
        foreach (var name in new[] { "cleo", "boris", "anna" })
        {
            await centre.AvailableAsync(name);
            centre.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        foreach (var name in new[] { "anna", "boris", "cleo" })
        {
            var receipt = await centre.PressAsync(await centre.AddKioskAsync());
            await centre.RingsAsync(receipt.CallId, name);
            await centre.AnswerAsync(name, receipt.CallId);
            await centre.FinishAsync(name, receipt.CallId, new CallClosure(CallDisposition.HelpGiven));
            await centre.EndWrapUpAsync(name);
        }

        var wrapped = await centre.PressAsync(await centre.AddKioskAsync());
        await centre.RingsAsync(wrapped.CallId, "anna");
    }

    [Fact]
    public async Task LeastTalkTimeRingsTheOperatorWhoTalkedLeastEvenIfAnotherWaitedLonger()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        await centre.AvailableAsync("anna");
        var first = await centre.PressAsync(await centre.AddKioskAsync());
        await centre.RingsAsync(first.CallId, "anna");
        await centre.AnswerAsync("anna", first.CallId);
        centre.Clock.Advance(TimeSpan.FromSeconds(30));
        await centre.FinishAsync("anna", first.CallId, new CallClosure(CallDisposition.HelpGiven));
        await centre.EndWrapUpAsync("anna");
        centre.Clock.Advance(TimeSpan.FromSeconds(10));
        await centre.AvailableAsync("boris");
        await centre.Routing.SetStrategyAsync(RoutingStrategy.LeastTalkTime, Actors.Tool("test"));

        var second = await centre.PressAsync(await centre.AddKioskAsync());

        await centre.RingsAsync(second.CallId, "boris");
    }

    [Fact]
    public async Task RingAllRingsEveryAvailableOperatorAndTheFirstToAcceptWins()
    {
        await using var centre = await TestCentre.StartAsync(fixture, RoutingStrategy.RingAll);
        foreach (var name in new[] { "anna", "boris", "cleo" })
        {
            await centre.AvailableAsync(name);
        }

        var receipt = await centre.PressAsync(await centre.AddKioskAsync());
        await centre.RingsAsync(receipt.CallId, "anna", "boris", "cleo");

        var connected = await centre.AnswerAsync("boris", receipt.CallId);

        Assert.Equal(centre.Login("boris"), connected.ConnectedOperator);
        // The call tells the others one way that it no longer rings them.
        foreach (var other in new[] { "anna", "cleo" })
        {
            await Poll.UntilAsync(centre.Operator(other).GetAsync, o => o.Presence == OperatorPresence.Available, $"{other} free again", TimeSpan.FromSeconds(10));
        }
        var late = await Assert.ThrowsAsync<InvalidCallTransitionException>(() => centre.AnswerAsync("anna", receipt.CallId));
        Assert.Equal(CallStatus.Connected, late.Status);
        Assert.Equal(centre.Login("boris"), (await centre.Call(receipt.CallId).GetAsync()).ConnectedOperator);
    }

    [Fact]
    public async Task RingAllOfferThatTimesOutCountsAsMissedForEveryone()
    {
        await using var centre = await TestCentre.StartAsync(fixture, RoutingStrategy.RingAll);
        await centre.AvailableAsync("anna");
        await centre.AvailableAsync("boris");
        var receipt = await centre.PressAsync(await centre.AddKioskAsync());
        await centre.RingsAsync(receipt.CallId, "anna", "boris");

        await centre.PassAsync(TimeSpan.FromSeconds(10));

        // Each operator is free again once it has counted its miss (one way, in its own time), and the second offer
        // rings each as it is free: both, in the end.
        var again = await centre.Calls.WaitForAsync(c => c.CallId == receipt.CallId && c.Attempt == 2 && c.Status == CallStatus.Ringing && c.RingingOperators.Length == 2, "the second ring-all offer ringing both");
        Assert.Equal([centre.Login("anna"), centre.Login("boris")], again.RingingOperators.Order(StringComparer.Ordinal));
        await centre.Operators.WaitForAsync(o => o.Login == centre.Login("anna") && o.Missed == 1, "anna's missed offer counted");
        await centre.Operators.WaitForAsync(o => o.Login == centre.Login("boris") && o.Missed == 1, "boris's missed offer counted");
    }
}
