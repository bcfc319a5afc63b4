using Sos.Grains.Abstractions;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

[Collection(ClusterCollection.Name)]
public sealed class KioskSupervisionTests(ClusterFixture fixture)
{
    private static readonly KioskHealth Healthy = new(true, true, false, PowerSource.Mains, "1.0");

    [Fact]
    public async Task KioskThatStopsReportingGoesOfflineByItselfAfterThreeIntervals()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = await centre.AddKioskAsync();
        await using var changes = await KioskChangesAsync(centre);
        var last = (await kiosk.HeartbeatAsync(Healthy)).LastHeartbeatAt!.Value;

        centre.Clock.Advance(TimeSpan.FromSeconds(15));
        var atDeadline = await kiosk.SuperviseAsync();
        Assert.Equal(KioskConnectivity.Online, atDeadline.Connectivity);
        var mark = changes.Mark();
        centre.Clock.Advance(TimeSpan.FromMilliseconds(1));

        // Nobody calls the kiosk now: its own timer must notice.
        var offline = await changes.WaitForAsync(k => k.KioskId == kiosk.GetPrimaryKeyString() && k.Connectivity == KioskConnectivity.Offline, "the kiosk going offline", mark);

        Assert.Equal(centre.Clock.GetUtcNow(), offline.ConnectivitySince);
        Assert.True(offline.ConnectivitySince - last <= TimeSpan.FromSeconds(15) + TimeSpan.FromMilliseconds(1));
        var alert = Assert.Single(offline.Alerts);
        Assert.Equal(KioskAlertKind.Offline, alert.Kind);
        Assert.Equal(offline.ConnectivitySince, alert.RaisedAt);
        Assert.Contains(offline.AlertHistory, e => e.Kind == KioskAlertKind.Offline && e.Raised && e.At == alert.RaisedAt);
    }

    [Fact]
    public async Task HeartbeatIntervalIsChosenPerKiosk()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = fixture.Client.GetKiosk($"{centre.Id}-slow");
        await kiosk.RegisterAsync(new KioskRegistration("Slow kiosk", "Park 1", 52.29, 76.95, "North", centre.Id, TimeSpan.FromMinutes(1)), Actors.Tool("test"));
        await using var changes = await KioskChangesAsync(centre);
        await kiosk.HeartbeatAsync(Healthy);

        centre.Clock.Advance(TimeSpan.FromSeconds(179));
        Assert.Equal(KioskConnectivity.Online, (await kiosk.SuperviseAsync()).Connectivity);
        centre.Clock.Advance(TimeSpan.FromSeconds(1.5));

        await changes.WaitForAsync(k => k.KioskId == kiosk.GetPrimaryKeyString() && k.Connectivity == KioskConnectivity.Offline, "the slow kiosk going offline after 3 minutes");
    }

    [Fact]
    public async Task KioskThatComesBackClearsItsOfflineAlertAndBothAreRecorded()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = await centre.AddKioskAsync();
        await kiosk.HeartbeatAsync(Healthy);
        centre.Clock.Advance(TimeSpan.FromSeconds(16));
        var offline = await kiosk.SuperviseAsync();
        Assert.Equal(KioskConnectivity.Offline, offline.Connectivity);
        centre.Clock.Advance(TimeSpan.FromSeconds(30));

        var back = await kiosk.HeartbeatAsync(Healthy);

        Assert.Equal(KioskConnectivity.Online, back.Connectivity);
        Assert.Empty(back.Alerts);
        Assert.Collection(
            back.AlertHistory,
            raised => Assert.Equal((KioskAlertKind.Offline, true, offline.ConnectivitySince!.Value), (raised.Kind, raised.Raised, raised.At)),
            cleared => Assert.Equal((KioskAlertKind.Offline, false, centre.Clock.GetUtcNow()), (cleared.Kind, cleared.Raised, cleared.At)));
        Assert.Equal(KioskConnectivity.Online, (await kiosk.GetAsync()).Connectivity);
    }

    [Fact]
    public async Task FaultsRaiseAlertsThatRecoveryClears()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = await centre.AddKioskAsync();
        await using var changes = await KioskChangesAsync(centre);

        var faulty = await kiosk.HeartbeatAsync(new KioskHealth(false, false, true, PowerSource.Battery, "1.0"));
        await changes.WaitForAsync(k => k.KioskId == kiosk.GetPrimaryKeyString() && k.Alerts.Length == 4, "the four fault alerts published");
        centre.Clock.Advance(TimeSpan.FromSeconds(2));
        var camera = await kiosk.HeartbeatAsync(new KioskHealth(false, true, false, PowerSource.Mains, "1.0"));
        centre.Clock.Advance(TimeSpan.FromSeconds(2));
        var healthy = await kiosk.HeartbeatAsync(Healthy);

        Assert.Equal(
            [KioskAlertKind.CameraFault, KioskAlertKind.AudioFault, KioskAlertKind.Tampered, KioskAlertKind.OnBattery],
            faulty.Alerts.Select(a => a.Kind));
        Assert.Equal([KioskAlertKind.CameraFault], camera.Alerts.Select(a => a.Kind));
        Assert.Empty(healthy.Alerts);
        Assert.Equal(4, healthy.AlertHistory.Count(e => e.Raised));
        Assert.Equal(4, healthy.AlertHistory.Count(e => !e.Raised));
        Assert.Equal(centre.Clock.GetUtcNow(), healthy.AlertHistory.Single(e => e.Kind == KioskAlertKind.CameraFault && !e.Raised).At);
        await changes.WaitForAsync(k => k.KioskId == kiosk.GetPrimaryKeyString() && k.Alerts.IsEmpty && k.AlertHistory.Length == 8, "the recovery published");
    }

    [Fact]
    public async Task StuckButtonRaisesAnAlertStaysOneCallAndClearsWhenQuiet()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = await centre.AddKioskAsync();
        await using var changes = await KioskChangesAsync(centre);

        var receipts = new List<PressReceipt>();
        for (var i = 0; i < 120; i++)
        {
            receipts.Add(await centre.PressAsync(kiosk));
            centre.Clock.Advance(TimeSpan.FromMilliseconds(200));
        }

        Assert.Single(receipts.Select(r => r.CallId).Distinct());
        var stuck = await kiosk.GetAsync();
        Assert.Equal(1, stuck.CallCount);
        Assert.Equal(120, stuck.PressCount);
        Assert.Equal(KioskAlertKind.StuckButton, Assert.Single(stuck.Alerts).Kind);
        Assert.Equal(120, (await centre.Call(receipts[0].CallId).GetAsync()).PressCount);
        var mark = changes.Mark();

        centre.Clock.Advance(TimeSpan.FromSeconds(61));

        var quiet = await changes.WaitForAsync(k => k.KioskId == kiosk.GetPrimaryKeyString() && !k.HasAlert(KioskAlertKind.StuckButton), "the stuck-button alert clearing", mark);
        Assert.Contains(quiet.AlertHistory, e => e.Kind == KioskAlertKind.StuckButton && !e.Raised);
    }

    [Fact]
    public async Task PressesAtAPersonsPaceRaiseNoAlert()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = await centre.AddKioskAsync();

        for (var i = 0; i < 30; i++)
        {
            await centre.PressAsync(kiosk);
            centre.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Empty((await kiosk.GetAsync()).Alerts);
    }

    [Fact]
    public async Task OnlineKioskSupervisesItselfAgainAfterItsActivationIsLost()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = await centre.AddKioskAsync();
        await using var changes = await KioskChangesAsync(centre);
        await kiosk.HeartbeatAsync(Healthy);

        var mark = changes.Mark();

        // Its activation (and with it its timer) is gone, as with a dead silo; nobody calls the kiosk afterwards.
        await fixture.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero, TestContext.Current.CancellationToken);

        // The supervision reminder reactivates it, and the new activation counts its silence from itself (a heartbeat
        // that changes nothing is never written): time keeps passing until it reads Offline.
        var offline = changes.WaitForAsync(k => k.KioskId == kiosk.GetPrimaryKeyString() && k.Connectivity == KioskConnectivity.Offline, "the reactivated kiosk going offline", mark);
        for (var i = 0; i < 50 && !offline.IsCompleted; i++)
        {
            centre.Clock.Advance(TimeSpan.FromSeconds(30));
            await Task.WhenAny(offline, Task.Delay(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken));
        }

        await offline;
    }

    [Fact]
    public async Task IssuedSecretIsVerifiedAndRotationRevokesTheOldOne()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = await centre.AddKioskAsync();
        Assert.Equal(KioskSecretCheck.NoneIssued, await kiosk.VerifySecretAsync("anything"));

        var first = await kiosk.IssueSecretAsync(Actors.Tool("test"));
        var second = await kiosk.IssueSecretAsync(Actors.Tool("test"));

        Assert.StartsWith($"{kiosk.GetPrimaryKeyString()}.", first, StringComparison.Ordinal);
        Assert.True(first.Length >= kiosk.GetPrimaryKeyString().Length + 43);
        Assert.Equal(kiosk.GetPrimaryKeyString(), KioskSecrets.KioskIdOf(second));
        Assert.Equal(KioskSecretCheck.Invalid, await kiosk.VerifySecretAsync(first));
        Assert.Equal(KioskSecretCheck.Valid, await kiosk.VerifySecretAsync(second));
        Assert.Equal(KioskSecretCheck.Invalid, await kiosk.VerifySecretAsync(second.ToUpperInvariant()));
        Assert.Equal(centre.Clock.GetUtcNow(), (await kiosk.GetAsync()).SecretIssuedAt);
    }

    [Fact]
    public async Task SecretOfAnUnregisteredKioskCannotBeIssued()
    {
        var kiosk = fixture.Client.GetKiosk($"unknown-{Guid.NewGuid():N}");

        await Assert.ThrowsAsync<UnknownKioskException>(() => kiosk.IssueSecretAsync(Actors.Tool("test")));
    }

    [Theory]
    [InlineData("Upper-Case")]
    [InlineData("with space")]
    [InlineData("trailing-")]
    [InlineData("dot.ted")]
    public async Task RegistrationWithAMalformedIdIsRefused(string kioskId)
    {
        var kiosk = fixture.Client.GetKiosk($"{kioskId}");

        var refused = await Assert.ThrowsAsync<SosDomainException>(() => kiosk.RegisterAsync(new KioskRegistration("Park", "Street 1", 52.28, 76.94, "Central", "pavlodar"), Actors.Tool("test")));

        Assert.Contains("an id of", refused.Message);
    }

    private async Task<StreamRecorder<KioskSnapshot>> KioskChangesAsync(TestCentre centre) =>
        await StreamRecorder<KioskSnapshot>.SubscribeAsync(fixture.Client.GetStreamProvider(SosConstants.StreamProvider).KioskChanges(centre.Id));
}
