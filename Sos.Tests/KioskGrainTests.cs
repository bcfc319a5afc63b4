using Sos.Grains.Abstractions;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

[Collection(ClusterCollection.Name)]
public sealed class KioskGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task RetriedPressReturnsTheSameCallAlsoAfterTheKioskIsReloaded()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = await centre.AddKioskAsync();
        var press = new PressRequest(Guid.NewGuid(), centre.Clock.GetUtcNow());

        var first = await kiosk.PressAsync(press);
        var retried = await kiosk.PressAsync(press);
        await fixture.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero, TestContext.Current.CancellationToken);
        var afterReload = await kiosk.PressAsync(press);

        Assert.False(first.Joined);
        Assert.Equal(first.CallId, retried.CallId);
        Assert.Equal(first.CallId, afterReload.CallId);
        var snapshot = await kiosk.GetAsync();
        Assert.Equal(1, snapshot.PressCount);
        Assert.Equal(1, snapshot.CallCount);
        Assert.Equal(first.CallId, snapshot.OpenCallId);
    }

    [Fact]
    public async Task ConcurrentRetriesOfOnePressOpenOneCall()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = await centre.AddKioskAsync();
        var press = new PressRequest(Guid.NewGuid(), centre.Clock.GetUtcNow());

        var receipts = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => kiosk.PressAsync(press)));

        Assert.Single(receipts.Select(r => r.CallId).Distinct());
        Assert.Equal(1, (await kiosk.GetAsync()).CallCount);
    }

    [Fact]
    public async Task SecondPressJoinsTheOpenCallAndRaisesItsPriority()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = await centre.AddKioskAsync();

        var first = await centre.PressAsync(kiosk);
        var second = await centre.PressAsync(kiosk);

        Assert.Equal(first.CallId, second.CallId);
        Assert.True(second.Joined);
        var call = await centre.Call(first.CallId).GetAsync();
        Assert.Equal(2, call.PressCount);
        Assert.Equal(CallPriority.High, call.Priority);
        Assert.Contains(call.Timeline, e => e.Kind == CallEventKind.PressJoined);
        Assert.Equal(1, (await kiosk.GetAsync()).CallCount);
    }

    [Fact]
    public async Task PressAfterTheCallEndedOpensANewCall()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = await centre.AddKioskAsync();
        var first = await centre.PressAsync(kiosk);
        await kiosk.CancelAsync(first.CallId);

        var second = await centre.PressAsync(kiosk);

        Assert.NotEqual(first.CallId, second.CallId);
        Assert.False(second.Joined);
        Assert.Equal(CallStatus.Abandoned, (await centre.Call(first.CallId).GetAsync()).Status);
    }

    [Fact]
    public async Task PressOnACommissioningKioskOpensATestCall()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = await centre.AddKioskAsync(KioskLifecycle.Commissioning);

        var receipt = await centre.PressAsync(kiosk);

        var call = await centre.Call(receipt.CallId).GetAsync();
        Assert.True(call.IsTest);
        Assert.Equal(CallPriority.Test, call.Priority);
        Assert.Equal(CallStatus.Queued, call.Status);
    }

    [Theory]
    [InlineData(KioskLifecycle.Maintenance)]
    [InlineData(KioskLifecycle.OutOfService)]
    [InlineData(KioskLifecycle.Decommissioned)]
    public async Task PressIsNeverRefusedForTheKiosksLifecycle(KioskLifecycle lifecycle)
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = await centre.AddKioskAsync(lifecycle);

        var receipt = await centre.PressAsync(kiosk);

        var call = await centre.Call(receipt.CallId).GetAsync();
        Assert.True(call.Exists);
        Assert.False(call.IsTest);
        Assert.Equal(CallPriority.Normal, call.Priority);
    }

    [Fact]
    public async Task PressOnAnUnregisteredKioskIsRefused()
    {
        var kiosk = fixture.Client.GetKiosk($"unknown-{Guid.NewGuid():N}");

        var refused = await Assert.ThrowsAsync<UnknownKioskException>(() => kiosk.PressAsync(new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow)));

        Assert.Contains("not registered", refused.Message);
        Assert.False((await kiosk.GetAsync()).IsRegistered);
    }

    [Fact]
    public async Task CancelBeforeAnAnswerAbandonsTheCallAndKeepsItForCallback()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = await centre.AddKioskAsync();
        var receipt = await centre.PressAsync(kiosk);

        var status = await kiosk.CancelAsync(receipt.CallId);

        Assert.Equal(CallStatus.Abandoned, status);
        var call = await centre.Call(receipt.CallId).GetAsync();
        Assert.True(call.NeedsCallback);
        Assert.Equal(CallDisposition.Abandoned, call.Disposition);
        Assert.Equal(CallEventKind.Abandoned, call.Timeline[^1].Kind);
        Assert.Null((await kiosk.GetAsync()).OpenCallId);
    }

    [Fact]
    public async Task CancelAfterTheAnswerRecordsTheHangUpAndKeepsTheOperator()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = await centre.AddKioskAsync();
        await centre.AvailableAsync("anna");
        var receipt = await centre.PressAsync(kiosk);
        await centre.RingsAsync(receipt.CallId, "anna");
        await centre.AnswerAsync("anna", receipt.CallId);

        var status = await kiosk.CancelAsync(receipt.CallId);

        Assert.Equal(CallStatus.Connected, status);
        var call = await centre.Call(receipt.CallId).GetAsync();
        Assert.Equal(centre.Login("anna"), call.ConnectedOperator);
        Assert.Equal(CallEventKind.KioskHungUp, call.Timeline[^1].Kind);
    }

    [Fact]
    public async Task CancelOfAnotherKiosksCallIsRefused()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = await centre.AddKioskAsync();
        var other = await centre.AddKioskAsync();
        var receipt = await centre.PressAsync(kiosk);

        await Assert.ThrowsAsync<UnknownCallException>(() => other.CancelAsync(receipt.CallId));

        Assert.Equal(CallStatus.Queued, (await centre.Call(receipt.CallId).GetAsync()).Status);
    }

    [Fact]
    public async Task DecommissionedKioskCannotReturnToService()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = await centre.AddKioskAsync(KioskLifecycle.Decommissioned);

        var refused = await Assert.ThrowsAsync<InvalidKioskTransitionException>(() => kiosk.ChangeLifecycleAsync(KioskLifecycle.InService, Actors.Tool("test")));

        Assert.Contains("decommissioned", refused.Message);
        Assert.Equal(KioskLifecycle.Decommissioned, (await kiosk.GetAsync()).Lifecycle);
    }

    [Fact]
    public async Task RegistrationWithImpossibleCoordinatesIsRefused()
    {
        var kiosk = fixture.Client.GetKiosk($"bad-{Guid.NewGuid():N}");

        var refused = await Assert.ThrowsAsync<SosDomainException>(() => kiosk.RegisterAsync(new KioskRegistration("Park", "Street 1", 123, 76.9, "Central", "pavlodar"), Actors.Tool("test")));

        Assert.Contains("latitude", refused.Message);
        Assert.False((await kiosk.GetAsync()).IsRegistered);
    }
}
