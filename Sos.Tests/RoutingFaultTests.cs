using Sos.Grains.Abstractions;
using Sos.Grains.Kiosks;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

/// <summary>A call whose offer cannot be written (its storage fails) keeps waiting and rings once storage is back.</summary>
[Collection(ApiCollection.Name)]
public sealed class RoutingFaultTests(ApiFixture fixture)
{
    [Fact]
    public async Task OfferThatCannotBeRecordedLeavesTheCallWaitingAndItRingsOnceStorageHeals()
    {
        var centre = ApiFixture.NewCentre();
        var kiosk = await fixture.AddKioskAsync(centre);
        var anna = $"anna@{centre}";
        await using var calls = await StreamRecorder<CallSnapshot>.SubscribeAsync(fixture.Cluster.GetStreamProvider(SosConstants.StreamProvider).CallChanges(centre));
        var press = new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow);
        var receipt = await kiosk.Grain.PressAsync(press);
        Assert.Equal(PressCallIds.For(kiosk.Id, press.PressId), receipt.CallId);

        fixture.App.Faults.FailWritesOf(receipt.CallId.ToString("N"));
        try
        {
            await fixture.Cluster.GetOperator(anna).ChangePresenceAsync(centre, OperatorPresence.Available);
            await Poll.UntilAsync(
                () => fixture.Cluster.GetRouting(centre).GetAsync(),
                routing => routing.Operators.Any(o => o.Login == anna) && routing.Waiting.Any(w => w.CallId == receipt.CallId && w.Attempts == 0 && !w.IsRinging),
                "routing holding the call back after its offer could not be written",
                TimeSpan.FromSeconds(10));
            Assert.Equal(CallStatus.Queued, (await fixture.Cluster.GetCall(receipt.CallId).GetAsync()).Status);
            Assert.Equal(OperatorPresence.Available, (await fixture.Cluster.GetOperator(anna).GetAsync()).Presence);
        }
        finally
        {
            fixture.App.Faults.Heal();
        }

        var ringing = await calls.WaitForAsync(c => c.CallId == receipt.CallId && c.Status == CallStatus.Ringing, "the call ringing once storage healed");
        Assert.Equal([anna], ringing.RingingOperators);
    }
}
