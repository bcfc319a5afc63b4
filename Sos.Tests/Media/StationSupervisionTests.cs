using Sos.Grains.Abstractions;
using Sos.Tests.Browser;
using Sos.Tests.Infrastructure;

namespace Sos.Tests.Media;

/// <summary>
/// SIP intercoms without a gateway's heartbeats are supervised by SIP OPTIONS: the console's own kamailio asks each
/// station every probe interval, an answer is the station's heartbeat, and a station that stops answering goes Offline
/// by the kiosks' rule. A real baresip station, inside the media tests' network namespace.
/// </summary>
[Collection(MediaCollection.Name)]
[Trait("Category", "Media")]
public sealed class StationSupervisionTests(MediaFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task StationThatAnswersOptionsIsOnlineAndGoesOfflineWhenItStopsAnswering()
    {
        var centre = ConsoleFixture.NewCentre();
        var kioskId = $"intercom-{Guid.NewGuid():N}"[..17];
        var kiosk = fixture.Client.GetKiosk(kioskId);
        var station = await SipIntercom.StartAsync(MediaFixture.StationAddress);
        await kiosk.RegisterAsync(Registration(centre, station.Uri), Actors.Tool("test"));
        await kiosk.ChangeLifecycleAsync(KioskLifecycle.InService, Actors.Tool("test"));

        // Nothing sends heartbeats over the device API: the station's answers to OPTIONS bring it Online.
        var online = await Poll.UntilAsync(kiosk.GetAsync, k => k.Connectivity == KioskConnectivity.Online, "the station Online from its OPTIONS answers", Wait);
        Assert.NotNull(online.LastHeartbeatAt);
        Assert.Contains(kioskId, (await fixture.Client.GetGrain<IStationSupervisorGrain>(0).StationsAsync()).Keys);

        // The station stops answering (switched off): Offline, and the alert says why.
        await station.DisposeAsync();
        var offline = await Poll.UntilAsync(kiosk.GetAsync, k => k.Connectivity == KioskConnectivity.Offline, "the silent station Offline", Wait);
        var alert = Assert.Single(offline.Alerts, a => a.Kind == KioskAlertKind.Offline);
        Assert.Contains("SIP OPTIONS", alert.Detail, StringComparison.Ordinal);

        // Back (here: a station at a new address, registered again): Online again, the alert cleared.
        await using var replaced = await SipIntercom.StartAsync(MediaFixture.StationAddress);
        await kiosk.RegisterAsync(Registration(centre, replaced.Uri), Actors.Tool("test"));
        var back = await Poll.UntilAsync(kiosk.GetAsync, k => k.Connectivity == KioskConnectivity.Online, "the station Online again", Wait);
        Assert.DoesNotContain(back.Alerts, a => a.Kind == KioskAlertKind.Offline);
        Assert.Equal(replaced.Uri, (await fixture.Client.GetGrain<IStationSupervisorGrain>(0).StationsAsync())[kioskId]);

        // A kiosk that is no longer a SIP intercom is no longer supervised by OPTIONS.
        await kiosk.RegisterAsync(Registration(centre, null), Actors.Tool("test"));
        await Poll.UntilAsync(() => fixture.Client.GetGrain<IStationSupervisorGrain>(0).StationsAsync(), s => !s.ContainsKey(kioskId), "the kiosk no longer supervised by OPTIONS", Wait);
    }

    private static KioskRegistration Registration(string centre, string? station) => new(
        "River station help point", "River station, pier 3", 52.289, 76.944, "Central", centre, HeartbeatInterval: TimeSpan.FromSeconds(1), Language: Languages.English,
        MediaKind: station is null ? KioskMediaKind.Browser : KioskMediaKind.SipIntercom,
        Sip: station is null ? null : new SipStation(station, ["PCMA"], Registers: false));
}
