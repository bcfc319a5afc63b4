using Orleans.Core.Internal;
using Sos.Grains.Abstractions;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

[Collection(ClusterCollection.Name)]
public sealed class RoutingRecoveryTests(ClusterFixture fixture)
{
    [Fact]
    public async Task CallWhoseRoutingRequestWasLostRingsFromTheWaitingListWithinASecond()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = await centre.AddKioskAsync();
        var registration = (await kiosk.GetAsync()).Registration!;
        await centre.AvailableAsync("anna");
        var callId = Guid.NewGuid();

        // Opened directly: no routing request is ever published, as if the stream event died with its silo.
        await centre.Call(callId).OpenAsync(new CallOpening(kiosk.GetPrimaryKeyString(), registration, Guid.NewGuid(), centre.Clock.GetUtcNow(), false));
        await centre.Routing.TickAsync();
        Assert.DoesNotContain((await centre.Routing.GetAsync()).Waiting, w => w.CallId == callId);

        await centre.PassAsync(TimeSpan.FromSeconds(1));

        await centre.RingsAsync(callId, "anna");
    }

    [Fact]
    public async Task RingTimeoutIsActedOnByTheCallsOwnTimer()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        await centre.AvailableAsync("anna");
        centre.Clock.Advance(TimeSpan.FromSeconds(1));
        await centre.AvailableAsync("boris");
        var receipt = await centre.PressAsync(await centre.AddKioskAsync());
        await centre.RingsAsync(receipt.CallId, "anna");

        centre.Clock.Advance(TimeSpan.FromSeconds(10));

        await centre.RingsAsync(receipt.CallId, "boris");
    }

    [Fact]
    public async Task ResentRoutingRequestsDoNotDuplicateACall()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var receipt = await centre.PressAndQueueAsync(await centre.AddKioskAsync());

        await centre.ResubmitAsync(receipt.CallId);
        await centre.ResubmitAsync(receipt.CallId);

        Assert.Single((await centre.Routing.GetAsync()).Waiting, w => w.CallId == receipt.CallId);
        await centre.AvailableAsync("anna");
        await centre.AvailableAsync("boris");
        await centre.RingsAsync(receipt.CallId, "anna");
        Assert.Equal(OperatorPresence.Available, (await centre.Operator("boris").GetAsync()).Presence);
    }

    [Fact]
    public async Task RoutingResumesItsQueueAfterItIsReloaded()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var receipt = await centre.PressAndQueueAsync(await centre.AddKioskAsync());

        await fixture.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero, TestContext.Current.CancellationToken);

        Assert.Contains((await centre.Routing.GetAsync()).Waiting, w => w.CallId == receipt.CallId);
        await centre.AvailableAsync("anna");
        await centre.RingsAsync(receipt.CallId, "anna");
    }

    [Fact]
    public async Task RoutingReadsOperatorsAgainWhenItIsReloaded()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        await centre.AvailableAsync("anna");
        var first = await centre.PressAsync(await centre.AddKioskAsync());
        await centre.RingsAsync(first.CallId, "anna");
        await centre.AnswerAsync("anna", first.CallId);
        await centre.FinishAsync("anna", first.CallId, new CallClosure(CallDisposition.HelpGiven));

        // Routing keeps nothing durable: the reloaded routing knows she is free only because she announces herself
        // when it asks the centre's roster to.
        await centre.EndWrapUpAsync("anna");
        await centre.Routing.Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        var second = await centre.PressAndQueueAsync(await centre.AddKioskAsync());

        await centre.RingsAsync(second.CallId, "anna");
    }

    [Fact]
    public async Task StaleOfferIsRefusedByTheCallAndRoutingOffersItAgainOnTheCallsCount()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var receipt = await centre.PressAndQueueAsync(await centre.AddKioskAsync());

        // As from a routing that restarted and counts attempts from nothing: the call is on attempt 0, not 4.
        await centre.Call(receipt.CallId).OfferAsync(new CallOffer([centre.Login("zoe")], 5));
        Assert.Equal(CallStatus.Queued, (await centre.Call(receipt.CallId).GetAsync()).Status);
        await centre.AvailableAsync("anna");

        var ringing = await centre.RingsAsync(receipt.CallId, "anna");
        Assert.Equal(1, ringing.Attempt);
    }

    [Fact]
    public async Task OperatorWhoseRingWasLostRingsAgainWhileTheCallStillRingsThem()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        await centre.AvailableAsync("anna");
        var receipt = await centre.PressAsync(await centre.AddKioskAsync());
        await centre.RingsAsync(receipt.CallId, "anna");
        await centre.Operators.WaitForAsync(o => o.Login == centre.Login("anna") && o.Presence == OperatorPresence.Ringing, "anna ringing");

        // As when her grain's silo dies: a ring is not written, so her new activation is only Available.
        await centre.Operator("anna").Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);

        var again = await Poll.UntilAsync(centre.Operator("anna").GetAsync, o => o.Presence == OperatorPresence.Ringing, "anna ringing again", TimeSpan.FromSeconds(10));
        Assert.Equal(receipt.CallId, again.CallId);
    }
}
