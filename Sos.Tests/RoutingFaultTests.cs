using Sos.Grains.Abstractions;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

/// <summary>Routing keeps ringing someone when one operator's grain cannot be reached (here: its storage fails).</summary>
[Collection(ApiCollection.Name)]
public sealed class RoutingFaultTests(ApiFixture fixture)
{
    [Fact]
    public async Task OperatorWhoCannotBeRungIsPassedOverAndTheCallRingsTheNextOne()
    {
        var centre = ApiFixture.NewCentre();
        var kiosk = await fixture.AddKioskAsync(centre);
        var routing = fixture.Cluster.GetRouting(centre);
        var anna = $"anna@{centre}";
        var boris = $"boris@{centre}";
        await using var calls = await StreamRecorder<CallSnapshot>.SubscribeAsync(fixture.Cluster.GetStreamProvider(SosConstants.StreamProvider).CallChanges(centre));
        await routing.ChangePresenceAsync(anna, OperatorPresence.Available);
        await routing.ChangePresenceAsync(boris, OperatorPresence.Available);

        // Anna has been idle longest (or as long, and comes first), so she would be rung first; her grain cannot write.
        fixture.App.Faults.FailWritesOf(anna);
        CallSnapshot ringing;
        try
        {
            var receipt = await kiosk.Grain.PressAsync(new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow));
            ringing = await calls.WaitForAsync(c => c.CallId == receipt.CallId && c.Status == CallStatus.Ringing, "the call ringing someone");
        }
        finally
        {
            fixture.App.Faults.Heal();
        }

        Assert.Equal([boris], ringing.RingingOperators);
        Assert.Equal(OperatorPresence.Available, (await fixture.Cluster.GetOperator(anna).GetAsync()).Presence);
    }
}
