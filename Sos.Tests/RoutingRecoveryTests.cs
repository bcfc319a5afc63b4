using Orleans.Core.Internal;
using Sos.Grains.Abstractions;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

[Collection(ClusterCollection.Name)]
public sealed class RoutingRecoveryTests(ClusterFixture fixture)
{
    [Fact]
    public async Task CallWhoseRoutingRequestWasLostIsResentByItsWatchdog()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = await centre.AddKioskAsync();
        var registration = (await kiosk.GetAsync()).Registration!;
        await centre.AvailableAsync("anna");
        var callId = Guid.NewGuid();

        // Opened directly: no routing request is ever published, as if the stream event died with its silo.
        await centre.Call(callId).OpenAsync(new CallOpening(kiosk.GetPrimaryKeyString(), registration, Guid.NewGuid(), centre.Clock.GetUtcNow(), false));

        await centre.RingsAsync(callId, "anna");
    }

    [Fact]
    public async Task RingTimeoutIsActedOnByRoutingsOwnTimer()
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

        // Routing wrote its state when the call left its queue (anna on the call); her wrap-up and its end are hers
        // alone, so the reloaded routing only knows she is free by reading her grain again.
        await centre.EndWrapUpAsync("anna");
        await centre.Routing.Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        var second = await centre.PressAndQueueAsync(await centre.AddKioskAsync());

        await centre.RingsAsync(second.CallId, "anna");
    }

    [Fact]
    public async Task RoutingNoticesAnOperatorChangeItWasNotToldAboutWithinTheRefreshInterval()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var receipt = await centre.PressAndQueueAsync(await centre.AddKioskAsync());
        await centre.Routing.ChangePresenceAsync(centre.Login("anna"), OperatorPresence.Break);

        // As if her notice had been lost with a silo: her grain changes and routing is not told.
        await centre.Operator("anna").ChangePresenceAsync(centre.Id, OperatorPresence.Available);
        await centre.PassAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(CallStatus.Queued, (await centre.Call(receipt.CallId).GetAsync()).Status);

        await centre.PassAsync(TimeSpan.FromSeconds(5));

        await centre.RingsAsync(receipt.CallId, "anna");
    }

    [Fact]
    public async Task OfferTheCallNeverGotIsTakenBackAtItsDeadlineAndTheCallRingsAgain()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        await centre.AvailableAsync("anna");
        var receipt = await centre.PressAsync(await centre.AddKioskAsync());
        await centre.RingsAsync(receipt.CallId, "anna");

        // As around a crash: routing holds the offer, the call does not (it is back in the queue).
        await centre.Call(receipt.CallId).ReturnToQueueAsync(missed: false, "lost with a silo");
        await centre.PassAsync(TimeSpan.FromSeconds(10));

        var again = await centre.Calls.WaitForAsync(c => c.CallId == receipt.CallId && c.Status == CallStatus.Ringing && c.Attempt == 2, "the call ringing again");
        Assert.Equal([centre.Login("anna")], again.RingingOperators);
        Assert.Equal(0, (await centre.Operator("anna").GetAsync()).Missed);
    }
}
