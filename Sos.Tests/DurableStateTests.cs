using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using Sos.Grains.Abstractions;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

/// <summary>State written to a real SQLite file and a real PostgreSQL server survives what users live through.</summary>
public sealed class DurableStateTests
{
    private const string Centre = "durable";

    [Theory]
    [InlineData("Embedded")]
    [InlineData("Cluster")]
    public async Task EveryKioskCallAndOperatorSurvivesAFullClusterRestart(string mode)
    {
        await using var storage = await StorageSettings.CreateAsync(mode);
        storage.Values["Sos:Routing:RingTimeout"] = "01:00:00";
        var kioskId = $"kiosk-{Guid.NewGuid():N}";
        var login = $"anna-{Guid.NewGuid():N}";
        var press = new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow);
        CallSnapshot before;

        await using (var first = await StorageCluster.StartAsync(storage.Values))
        {
            var kiosk = first.Client.GetKiosk(kioskId);
            await kiosk.RegisterAsync(new KioskRegistration("Central Embankment", "Embankment 1", 52.288, 76.942, "Central", Centre), Actors.Tool("test"));
            await kiosk.ChangeLifecycleAsync(KioskLifecycle.InService, Actors.Tool("test"));
            await first.Client.GetOperator(login).ChangePresenceAsync(Centre, OperatorPresence.Available);
            var receipt = await kiosk.PressAsync(press);
            before = await Poll.UntilAsync(() => first.Client.GetCall(receipt.CallId).GetAsync(), c => c.Status == CallStatus.Ringing, "the call ringing", TimeSpan.FromSeconds(10));
        }

        await using var second = await StorageCluster.StartAsync(storage.Values);

        var kioskAfter = await second.Client.GetKiosk(kioskId).GetAsync();
        Assert.Equal(KioskLifecycle.InService, kioskAfter.Lifecycle);
        Assert.Equal("Central Embankment", kioskAfter.Registration?.Name);
        Assert.Equal(before.CallId, kioskAfter.OpenCallId);
        var retried = await second.Client.GetKiosk(kioskId).PressAsync(press);
        Assert.Equal(before.CallId, retried.CallId);
        var callAfter = await second.Client.GetCall(before.CallId).GetAsync();
        Assert.Equal(CallStatus.Ringing, callAfter.Status);
        Assert.Equal([login], callAfter.RingingOperators);
        Assert.Equal(before.Timeline.Select(e => e.Kind), callAfter.Timeline.Select(e => e.Kind));
        Assert.Equal(before.RingDeadline, callAfter.RingDeadline);

        // A ring is not written: the call that still rings her asks her again, and her console rings as before.
        var operatorAfter = await Poll.UntilAsync(() => second.Client.GetOperator(login).GetAsync(), o => o.Presence == OperatorPresence.Ringing, "the operator ringing again", TimeSpan.FromSeconds(10));
        Assert.Equal(before.CallId, operatorAfter.CallId);
        var routingAfter = await Poll.UntilAsync(() => second.Client.GetRouting(Centre).GetAsync(), r => r.Waiting.Any(w => w.CallId == before.CallId), "routing rebuilt from the waiting list", TimeSpan.FromSeconds(10));
        Assert.Single(routingAfter.Waiting, w => w.CallId == before.CallId);
    }

    [Theory]
    [InlineData("Embedded")]
    [InlineData("Cluster")]
    public async Task ConcurrentWriterWithAStaleETagIsRefusedAndNeverOverwritesNewerState(string mode)
    {
        await using var storage = await StorageSettings.CreateAsync(mode);
        await using var cluster = await StorageCluster.StartAsync(storage.Values);
        var silo = (InProcessSiloHandle)cluster.Cluster.Silos[0];
        var grainStorage = silo.SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(SosConstants.StateStore);
        var grainId = GrainId.Create("callsession", Guid.NewGuid().ToString("N"));
        var writer = new GrainState<CallSnapshot>(CallSnapshot.None(Guid.NewGuid()) with { KioskId = "k", Notes = "first" });
        await grainStorage.WriteStateAsync("call", grainId, writer);
        var stale = new GrainState<CallSnapshot>();
        await grainStorage.ReadStateAsync("call", grainId, stale);

        writer.State = writer.State! with { Notes = "newer" };
        await grainStorage.WriteStateAsync("call", grainId, writer);
        stale.State = stale.State! with { Notes = "stale" };

        await Assert.ThrowsAsync<InconsistentStateException>(() => grainStorage.WriteStateAsync("call", grainId, stale));
        var read = new GrainState<CallSnapshot>();
        await grainStorage.ReadStateAsync("call", grainId, read);
        Assert.Equal("newer", read.State!.Notes);
    }

    [Fact]
    public async Task PressIsNotAcknowledgedWhileTheDatabaseIsUnreachableAndIsWhenItComesBack()
    {
        await using var storage = await StorageSettings.CreateAsync("Cluster");
        await using var cluster = await StorageCluster.StartAsync(storage.Values);
        var kiosk = cluster.Client.GetKiosk($"kiosk-{Guid.NewGuid():N}");
        await kiosk.RegisterAsync(new KioskRegistration("Park", "Park 1", 52.29, 76.95, "North", Centre), Actors.Tool("test"));
        var press = new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow);

        await storage.Database.SetReachableAsync(false);
        var refused = await Record.ExceptionAsync(() => kiosk.PressAsync(press));
        await storage.Database.SetReachableAsync(true);

        Assert.NotNull(refused);
        Assert.IsNotAssignableFrom<SosDomainException>(refused);
        var receipt = await kiosk.PressAsync(press);
        Assert.False(receipt.Joined);
        var snapshot = await kiosk.GetAsync();
        Assert.Equal(1, snapshot.CallCount);
        Assert.Equal(receipt.CallId, snapshot.OpenCallId);
        Assert.True((await cluster.Client.GetCall(receipt.CallId).GetAsync()).Exists);
    }

    [Theory]
    [InlineData("Embedded")]
    [InlineData("Cluster")]
    public async Task WaitingCallWhoseRoutingRequestWasLostRingsAfterAFullClusterRestart(string mode)
    {
        await using var storage = await StorageSettings.CreateAsync(mode);
        var kioskId = $"kiosk-{Guid.NewGuid():N}";
        var centre = $"centre-{Guid.NewGuid():N}";
        var callId = Guid.NewGuid();
        await using (var first = await StorageCluster.StartAsync(storage.Values))
        {
            var registration = new KioskRegistration("Square", "Square 1", 52.28, 76.96, "South", centre);
            await first.Client.GetKiosk(kioskId).RegisterAsync(registration, Actors.Tool("test"));

            // Opened directly: no routing request is published, as if it was lost with a dead silo.
            await first.Client.GetCall(callId).OpenAsync(new CallOpening(kioskId, registration, Guid.NewGuid(), DateTimeOffset.UtcNow, false));
        }

        await using var second = await StorageCluster.StartAsync(storage.Values);
        var calls = await StreamRecorder<CallSnapshot>.SubscribeAsync(second.Client.GetStreamProvider(SosConstants.StreamProvider).CallChanges(centre));
        await second.Client.GetOperator("anna").ChangePresenceAsync(centre, OperatorPresence.Available);

        var ringing = await calls.WaitForAsync(c => c.CallId == callId && c.Status == CallStatus.Ringing, "the call ringing after the restart");
        Assert.Equal(["anna"], ringing.RingingOperators);
        await calls.DisposeAsync();
    }
}
