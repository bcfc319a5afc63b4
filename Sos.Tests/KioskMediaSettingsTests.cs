using System.Text.Json;
using Sos.Grains.Abstractions;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

/// <summary>
/// A kiosk's media kind as an administrator registers it: a browser kiosk, or a SIP intercom with its station and an
/// RTSP camera whose user and password are kept apart, never shown, logged or audited.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class KioskMediaSettingsTests(ClusterFixture fixture)
{
    private const string Password = "camera-pass-7Qx!";

    [Fact]
    public async Task SipIntercomIsRegisteredWithItsStationAndCameraWhoseCredentialsAreNeverShownOrAudited()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kioskId = $"{centre.Id}-intercom";
        var kiosk = fixture.Client.GetKiosk(kioskId);
        var registration = Intercom(centre.Id);

        var registered = await kiosk.RegisterAsync(registration, Actors.Tool("test"));
        Assert.Equal(KioskMediaKind.SipIntercom, registered.Registration!.MediaKind);
        Assert.Equal(["G722", "PCMA"], registered.Registration.Sip!.Codecs);
        Assert.Equal("*1", registered.Registration.Sip.PressCode);
        Assert.Null(registered.CameraCredentialsSetAt);

        var set = await kiosk.SetCameraCredentialsAsync(new CameraCredentials("operator", Password), Actors.Operator($"admin@{centre.Id}"));
        Assert.NotNull(set.CameraCredentialsSetAt);
        Assert.DoesNotContain(Password, JsonSerializer.Serialize(await kiosk.GetAsync()), StringComparison.Ordinal);
        var audited = await fixture.Client.GetAudit().SearchAsync(new AuditQuery(Text: kioskId, Action: AuditActions.KioskCameraCredentialsSet));
        Assert.Contains("user operator", Assert.Single(audited).Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, string.Join(" ", (await fixture.Client.GetAudit().SearchAsync(new AuditQuery(Text: kioskId))).Select(e => e.Detail)), StringComparison.Ordinal);
        Assert.DoesNotContain(Password, new CameraCredentials("operator", Password).ToString(), StringComparison.Ordinal);

        // The camera taken away takes its credentials with it.
        var without = await kiosk.RegisterAsync(registration with { Camera = null }, Actors.Tool("test"));
        Assert.Null(without.CameraCredentialsSetAt);
        var refused = await Assert.ThrowsAsync<SosDomainException>(() => kiosk.SetCameraCredentialsAsync(new CameraCredentials("operator", Password), Actors.Tool("test")));
        Assert.Equal("camera-credentials-invalid", refused.Reason);
    }

    [Fact]
    public async Task RegisteringSipIntercomsPasswordIsGivenOnlyToTheRegistrarNeverShownOrAuditedAndGoesWhenItNoLongerRegisters()
    {
        const string sipPassword = "station-pass-9Zk";
        await using var centre = await TestCentre.StartAsync(fixture);
        var kioskId = $"{centre.Id}-registers";
        var kiosk = fixture.Client.GetKiosk(kioskId);
        var calledDirectly = Intercom(centre.Id);
        await kiosk.RegisterAsync(calledDirectly, Actors.Tool("test"));

        // A station Sos calls at its address signs in to nothing.
        var notRegistering = await Assert.ThrowsAsync<SosDomainException>(() => kiosk.SetSipPasswordAsync(sipPassword, Actors.Tool("test")));
        Assert.Equal("sip-password-invalid", notRegistering.Reason);

        var registers = calledDirectly with { Sip = calledDirectly.Sip! with { Uri = "sip:hp-bus-2@sos.police.example", Registers = true } };
        await kiosk.RegisterAsync(registers, Actors.Tool("test"));
        Assert.Null(await kiosk.SipPasswordAsync());
        var tooShort = await Assert.ThrowsAsync<SosDomainException>(() => kiosk.SetSipPasswordAsync("1234567", Actors.Tool("test")));
        Assert.Equal("sip-password-invalid", tooShort.Reason);

        var set = await kiosk.SetSipPasswordAsync(sipPassword, Actors.Operator($"admin@{centre.Id}"));
        Assert.NotNull(set.SipPasswordSetAt);
        Assert.Equal(sipPassword, await kiosk.SipPasswordAsync());
        Assert.DoesNotContain(sipPassword, JsonSerializer.Serialize(await kiosk.GetAsync()), StringComparison.Ordinal);
        var audited = await fixture.Client.GetAudit().SearchAsync(new AuditQuery(Text: kioskId, Action: AuditActions.KioskSipPasswordSet));
        Assert.Equal(Actors.Operator($"admin@{centre.Id}"), Assert.Single(audited).Actor);
        Assert.DoesNotContain(sipPassword, string.Join(" ", (await fixture.Client.GetAudit().SearchAsync(new AuditQuery(Text: kioskId))).Select(e => e.Detail)), StringComparison.Ordinal);

        // Called directly again: the password goes.
        var without = await kiosk.RegisterAsync(calledDirectly, Actors.Tool("test"));
        Assert.Null(without.SipPasswordSetAt);
        Assert.Null(await kiosk.SipPasswordAsync());
    }

    [Theory]
    [InlineData("station@10.0.0.5", "G722", null, "rtsp://10.0.0.6/stream1")]
    [InlineData("sip:station@10.0.0.5", "G729", null, "rtsp://10.0.0.6/stream1")]
    [InlineData("sip:station@10.0.0.5", "PCMA,PCMA", null, "rtsp://10.0.0.6/stream1")]
    [InlineData("sip:station@10.0.0.5", "PCMA", "press 1!", "rtsp://10.0.0.6/stream1")]
    [InlineData("sip:station@10.0.0.5", "PCMA", null, "http://10.0.0.6/stream1")]
    [InlineData("sip:station@10.0.0.5", "PCMA", null, "rtsp://admin:secret@10.0.0.6/stream1")]
    public async Task MediaSettingsOutOfRangeAreRefusedWithAReasonAndChangeNothing(string uri, string codecs, string? pressCode, string camera)
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = await centre.AddKioskAsync();
        var before = await kiosk.GetAsync();
        var wrong = before.Registration! with
        {
            MediaKind = KioskMediaKind.SipIntercom,
            Sip = new SipStation(uri, [.. codecs.Split(',')], false, pressCode),
            Camera = new KioskCamera(camera),
        };

        var refused = await Assert.ThrowsAsync<SosDomainException>(() => kiosk.RegisterAsync(wrong, Actors.Tool("test")));

        Assert.Equal("kiosk-media-invalid", refused.Reason);
        Assert.Equal(before.Registration, (await kiosk.GetAsync()).Registration);
    }

    [Fact]
    public async Task SipIntercomNeedsItsStationAndABrowserKioskHasNoStationOrCamera()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = await centre.AddKioskAsync();
        var registration = (await kiosk.GetAsync()).Registration!;

        var noStation = await Assert.ThrowsAsync<SosDomainException>(() => kiosk.RegisterAsync(registration with { MediaKind = KioskMediaKind.SipIntercom }, Actors.Tool("test")));
        var browserWithStation = await Assert.ThrowsAsync<SosDomainException>(() => kiosk.RegisterAsync(registration with { Sip = Intercom(centre.Id).Sip }, Actors.Tool("test")));
        var browserWithCamera = await Assert.ThrowsAsync<SosDomainException>(() => kiosk.RegisterAsync(registration with { Camera = Intercom(centre.Id).Camera }, Actors.Tool("test")));

        Assert.Equal(("kiosk-media-invalid", "kiosk-media-invalid", "kiosk-media-invalid"), (noStation.Reason, browserWithStation.Reason, browserWithCamera.Reason));
        Assert.Equal(KioskMediaKind.Browser, (await kiosk.GetAsync()).Registration!.MediaKind);
    }

    private static KioskRegistration Intercom(string centreId) => new(
        "Bus station help point", "Bus station, platform 2", 52.2850, 76.9560, "Central", centreId,
        MediaKind: KioskMediaKind.SipIntercom,
        Sip: new SipStation("sip:hp-bus-2@10.77.0.20:5060", ["G722", "PCMA"], Registers: false, PressCode: "*1"),
        Camera: new KioskCamera("rtsp://10.77.0.21:8554/help-point", AlwaysOn: false));
}
