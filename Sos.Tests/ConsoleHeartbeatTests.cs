using Sos.Grains.Abstractions;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ConsoleHeartbeatTests(ClusterFixture fixture)
{
    private static readonly TimeSpan ConsoleTimeout = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task SilentConsoleWhileRingingIsSignedOutAndTheCallRingsTheNextOperator()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        await centre.Operator("anna").HeartbeatAsync();
        await centre.AvailableAsync("anna");
        centre.Clock.Advance(TimeSpan.FromSeconds(1));
        await centre.AvailableAsync("boris");
        var receipt = await centre.PressAsync(await centre.AddKioskAsync());
        await centre.RingsAsync(receipt.CallId, "anna");
        var mark = centre.Operators.Mark();

        await centre.PassAsync(ConsoleTimeout);

        var ringing = await centre.RingsAsync(receipt.CallId, "boris");
        Assert.Contains(ringing.Timeline, e => e.Kind == CallEventKind.OfferWithdrawn && e.Detail!.Contains("console of", StringComparison.Ordinal));
        Assert.DoesNotContain(ringing.Timeline, e => e.Kind == CallEventKind.Missed);
        var anna = await centre.BecomesAsync("anna", OperatorPresence.Offline, mark);
        Assert.Contains("console silent", anna.PresenceReason, StringComparison.Ordinal);
        Assert.Equal(0, anna.Missed);
    }

    [Fact]
    public async Task ConsoleThatKeepsReportingKeepsItsOperatorAvailable()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        await centre.Operator("anna").HeartbeatAsync();
        await centre.AvailableAsync("anna");

        for (var i = 0; i < 3; i++)
        {
            await centre.PassAsync(ConsoleTimeout - TimeSpan.FromSeconds(1));
            var seen = await centre.Operator("anna").HeartbeatAsync();
            Assert.Equal(OperatorPresence.Available, seen.Presence);
        }

        await centre.PassAsync(ConsoleTimeout - TimeSpan.FromSeconds(1));
        Assert.Equal(OperatorPresence.Available, (await centre.Operator("anna").GetAsync()).Presence);
    }

    [Fact]
    public async Task OperatorWithoutAConsoleIsNotWatched()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        await centre.AvailableAsync("anna");

        await centre.PassAsync(TimeSpan.FromMinutes(10));

        Assert.Equal(OperatorPresence.Available, (await centre.Operator("anna").GetAsync()).Presence);
    }

    [Fact]
    public async Task SilentConsoleDoesNotEndACallInProgress()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        await centre.Operator("anna").HeartbeatAsync();
        await centre.AvailableAsync("anna");
        var receipt = await centre.PressAsync(await centre.AddKioskAsync());
        await centre.RingsAsync(receipt.CallId, "anna");
        await centre.AnswerAsync("anna", receipt.CallId);

        await centre.PassAsync(ConsoleTimeout * 3);

        Assert.Equal(OperatorPresence.OnCall, (await centre.Operator("anna").GetAsync()).Presence);
        Assert.Equal(CallStatus.Connected, (await centre.Call(receipt.CallId).GetAsync()).Status);
    }
}
