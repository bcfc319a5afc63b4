using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sos.Grains.Abstractions;
using Sos.Tests.Browser;
using Sos.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sos.Tests.Media;

/// <summary>
/// A press on the browser kiosk, as a person makes it, through to a recorded conversation: real Janus, real WebRTC in
/// Chromium with fake camera and microphone, inside the media tests' network namespace.
/// </summary>
[Collection(MediaCollection.Name)]
[Trait("Category", "Media")]
public sealed class MediaCallTests(MediaFixture fixture)
{
    private static readonly TimeSpan MediaTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task DispatcherSeesTheCallerBeforeAnsweringAndBothSidesHearEachOtherAfter()
    {
        var centre = ConsoleFixture.NewCentre();
        var dispatcher = await fixture.CreateDispatcherAsync(centre);
        var (kioskId, secret) = await fixture.AddKioskAsync(centre);

        var console = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(console, dispatcher);
        await Expect(console).ToHaveURLAsync(new Regex("/dispatch$"));
        await console.GetByTestId("presence-available").ClickAsync();
        await Expect(console.GetByTestId("presence-status")).ToHaveTextAsync(new Regex("Available"));

        var kiosk = await OpenKioskAsync(kioskId, secret);
        await kiosk.GetByTestId("kiosk-sos-button").ClickAsync();
        await Expect(kiosk.GetByTestId("kiosk-call-status")).ToContainTextAsync("Calling");
        var callId = await UntilAsync(kiosk, "window.sosKiosk.stats()", s => s.GetProperty("callId").ValueKind == JsonValueKind.String, "the kiosk's call")
            .ContinueWith(t => Guid.Parse(t.Result.GetProperty("callId").GetString()!), TaskScheduler.Default);

        // The ringing card shows the kiosk's camera before anyone answers.
        await Expect(console.GetByTestId("incoming-call")).ToBeVisibleAsync();
        await Expect(console.GetByTestId("incoming-call").GetByTestId("kiosk-video")).ToBeVisibleAsync();
        await UntilAsync(console, Stats(callId), s => s.GetProperty("framesDecoded").GetInt64() > 0 && s.GetProperty("videoWidth").GetInt32() > 0, "video frames on the ringing card");
        // The kiosk's media reached Janus, and so its recording, before this page decoded a frame of it.
        var pictureSeen = DateTimeOffset.UtcNow;
        await ConsoleFixture.ScreenshotAsync(console, "media-ringing.png");

        // Answered: the picture goes on in the large view, the operator's microphone joins, the kiosk hears it.
        await console.GetByTestId("accept-call").ClickAsync();
        await Expect(console.GetByTestId("active-call")).ToBeVisibleAsync();
        var before = (await Read(console, Stats(callId))).GetProperty("framesDecoded").GetInt64();
        await UntilAsync(console, Stats(callId), s => s.GetProperty("framesDecoded").GetInt64() > before + 10 && s.GetProperty("videoWidth").GetInt32() > 0, "video frames on the active call");
        await Expect(kiosk.GetByTestId("kiosk-lamp")).ToHaveAttributeAsync("data-on", "true");
        await UntilAsync(kiosk, "window.sosKiosk.stats()", s => s.GetProperty("audioPacketsReceived").GetInt64() > 0 && s.GetProperty("audioLevel").GetDouble() > 0, "the operator's voice at the kiosk");
        await UntilAsync(console, Stats(callId), s => s.GetProperty("talking").GetBoolean(), "the operator's microphone connected");
        var microphoneOn = DateTimeOffset.UtcNow;
        await ConsoleFixture.ScreenshotAsync(console, "media-active-call.png");
        await ConsoleFixture.ScreenshotAsync(kiosk, "media-kiosk-connected.png");

        // A conversation of at least some seconds, so the recording's length means something (a loaded machine may
        // take longer between the microphone going on and this line; the timer only has to have counted past six).
        await Expect(console.GetByTestId("talk-timer")).ToHaveTextAsync(new Regex(@"^(0:(0[6-9]|[1-5]\d)|[1-9]\d*:[0-5]\d)$"), new() { Timeout = 15_000 });

        var live = await fixture.Client.GetMediaSession(callId).GetAsync();
        Assert.Equal(MediaStatus.Live, live.Status);
        Assert.True(live.CallerLive && live.OperatorLive, $"both sides publish: {live}");

        // Closed: the media ends, the room is destroyed, the recording of both sides is on disk.
        await console.Locator("[data-testid=patrol-unit] input, input[data-testid=patrol-unit]").FillAsync("PVL-12");
        await console.GetByTestId("patrol-sent").ClickAsync();
        await Expect(console.GetByTestId("patrol-recorded")).ToContainTextAsync("PVL-12");
        await console.GetByTestId("close-call").ClickAsync();
        await Expect(console.GetByTestId("wrap-up")).ToBeVisibleAsync();
        await Expect(kiosk.GetByTestId("kiosk-call-status")).ToContainTextAsync("Call ended");
        await Expect(kiosk.GetByTestId("kiosk-lamp")).ToHaveAttributeAsync("data-on", "false");
        var ended = await Poll.UntilAsync(() => fixture.Client.GetMediaSession(callId).GetAsync(), m => m.Status == MediaStatus.Ended, "the media ended", MediaTimeout);
        var call = await fixture.Client.GetCall(callId).GetAsync();
        var talked = (ended.EndedAt!.Value - pictureSeen).TotalSeconds;
        TestContext.Current.TestOutputHelper?.WriteLine($"call {callId}: {(ended.EndedAt!.Value - call.OpenedAt).TotalSeconds:0.0} s from the press to the end of its media, {talked:0.0} s of it after the ringing card showed the picture");

        // The evidence: one playable file with the caller's video and both voices, lasting the call, hashed in a manifest
        // whose own hash is in the call's timeline.
        var evidence = await Poll.UntilAsync(() => fixture.Client.GetEvidence(callId).GetAsync(), e => e.Status == EvidenceStatus.Kept, "the evidence kept", TimeSpan.FromSeconds(60));
        var directory = evidence.Directory!;
        var recording = Path.Combine(directory, evidence.Recording!);
        var streams = await Ffprobe.StreamsAsync(recording);
        Assert.Equal(["video", "audio", "audio"], streams.Select(s => s.Kind).ToArray());
        // Each track runs from its first packet to the end of the call, less the last packets' way to Janus as the call
        // closes. The kiosk's picture and voice (the recording's first two tracks) at least from the moment the ringing
        // card showed the picture (the kiosk's publishing is negotiated after the press, about a second here and more
        // on a loaded machine, docs/benchmarks.md); the operator's voice (the third) from the moment this page's
        // microphone was on the call, since the operator speaks only once they have answered.
        var spoke = (ended.EndedAt!.Value - microphoneOn).TotalSeconds;
        Assert.All(streams.Take(2), s => Assert.True(s.Seconds >= talked - 1.0, $"{s.Kind} track lasts {s.Seconds:0.0} s of the {talked:0.0} s since the picture was seen"));
        Assert.True(streams[2].Seconds >= spoke - 1.0, $"the operator's voice lasts {streams[2].Seconds:0.0} s of the {spoke:0.0} s since their microphone was on the call");
        for (var track = 0; track < 2; track++)
        {
            var loudest = await Ffprobe.MaxVolumeAsync(recording, track);
            Assert.True(loudest > -40, $"audio track {track} ({(track == 0 ? "caller" : "operator")}) holds sound: its loudest sample is {loudest} dBFS");
        }

        foreach (var file in evidence.Files)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{file.Kind} {file.Path}: {file.Bytes} bytes");
        }

        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(", ", streams.Select(s => $"{s.Kind} {s.Seconds:0.0} s")));
        var listeningCopy = Assert.Single(evidence.Files, f => f.Kind == "listening-copy");
        Assert.True(await Ffprobe.MaxVolumeAsync(Path.Combine(directory, listeningCopy.Path), 0) > -40, "the listening copy holds the voices");
        Assert.Contains(evidence.Files, f => f.Kind == "caller-video");
        Assert.Contains(evidence.Files, f => f.Kind == "caller-audio");
        Assert.Contains(evidence.Files, f => f.Kind == "operator-audio");
        foreach (var file in evidence.Files)
        {
            Assert.Equal(file.Sha256, await Sos.Grains.Media.EvidenceBuilder.HashAsync(Path.Combine(directory, file.Path), TestContext.Current.CancellationToken));
        }

        var manifest = Path.Combine(directory, EvidenceSnapshot.ManifestFile);
        Assert.Equal(evidence.ManifestSha256, await Sos.Grains.Media.EvidenceBuilder.HashAsync(manifest, TestContext.Current.CancellationToken));
        using (var listed = JsonDocument.Parse(await File.ReadAllTextAsync(manifest, TestContext.Current.CancellationToken)))
        {
            Assert.Equal(evidence.Files.Length, listed.RootElement.GetProperty("files").GetArrayLength());
        }

        var kept = await fixture.Client.GetCall(callId).GetAsync();
        Assert.Contains(kept.Timeline, e => e.Kind == CallEventKind.RecordingKept && e.Detail!.Contains(evidence.ManifestSha256!, StringComparison.Ordinal));

        // History plays it and offers the evidence with its hashes.
        await console.GetByTestId("end-wrap-up").ClickAsync();
        await console.GetByTestId("nav-history").ClickAsync();
        var row = console.Locator($"[data-testid=history-row][data-call-id='{callId}']");
        await row.GetByTestId("history-timeline").ClickAsync();
        var player = console.GetByTestId("call-recording");
        await Expect(player).ToBeVisibleAsync();
        await Expect(console.GetByTestId("evidence-manifest-sha256")).ToHaveTextAsync(evidence.ManifestSha256!);
        var duration = await UntilAsync(console, "Promise.resolve({ d: document.querySelector('[data-testid=call-recording]').duration || 0 })", d => d.GetProperty("d").GetDouble() > 0, "the recording's duration in the player");
        Assert.True(duration.GetProperty("d").GetDouble() >= talked - 1.0, $"the player's recording lasts {duration} of the {talked:0.0} s since the picture was seen");
        var download = await console.APIRequest.GetAsync(await console.GetByTestId("evidence-manifest").GetAttributeAsync("href") ?? string.Empty);
        Assert.Equal(200, download.Status);
        Assert.Equal(evidence.ManifestSha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await download.BodyAsync())));
        await ConsoleFixture.ScreenshotAsync(console, "media-history-recording.png");
    }

    [Fact]
    public async Task SipIntercomsRtspCameraIsOnTheRingingCardBeforeTheAnswerAndOnTheActiveCall()
    {
        var centre = ConsoleFixture.NewCentre();
        await using var camera = await RtspCamera.StartAsync(MediaFixture.Address);
        var kiosk = await fixture.AddIntercomAsync(centre, "Bus station help point", "Bus station, platform 2",
            new SipStation($"sip:hp-bus-2@{MediaFixture.Address}:5062", ["PCMA"], Registers: false), new KioskCamera(camera.Url));
        await kiosk.SetCameraCredentialsAsync(new CameraCredentials("operator", "not-needed-by-the-test-camera"), Actors.Tool("test"));
        var console = await AvailableDispatcherAsync(centre);

        // The station is pressed (its press arrives through the device API's gateway): the camera beside it is on the card.
        var receipt = await kiosk.PressAsync(new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow));
        await Expect(console.GetByTestId("incoming-call").GetByTestId("kiosk-video")).ToBeVisibleAsync();
        await UntilAsync(console, Stats(receipt.CallId), s => s.GetProperty("framesDecoded").GetInt64() > 0 && s.GetProperty("videoWidth").GetInt32() == 640, "the camera's frames on the ringing card");
        await ConsoleFixture.ScreenshotAsync(console, "media-intercom-camera-ringing.png");

        await console.GetByTestId("accept-call").ClickAsync();
        await Expect(console.GetByTestId("active-call")).ToBeVisibleAsync();
        var before = (await Read(console, Stats(receipt.CallId))).GetProperty("framesDecoded").GetInt64();
        await UntilAsync(console, Stats(receipt.CallId), s => s.GetProperty("framesDecoded").GetInt64() > before + 10, "the camera's frames on the active call");
        var shown = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        await ConsoleFixture.ClosePatrolSentAsync(console, "PVL-07");
        var ended = await Poll.UntilAsync(() => fixture.Client.GetMediaSession(receipt.CallId).GetAsync(), m => m.Status == MediaStatus.Ended, "the media ended with the call", MediaTimeout);

        // The camera is in the evidence: its raw H.264 recording (hashed) and the playable file's video track.
        var evidence = await Poll.UntilAsync(() => fixture.Client.GetEvidence(receipt.CallId).GetAsync(), e => e.Status == EvidenceStatus.Kept, "the evidence kept", TimeSpan.FromSeconds(90));
        Assert.Contains(evidence.Files, f => f.Kind == "caller-video" && f.Path.Contains("camera-", StringComparison.Ordinal));
        var streams = await Ffprobe.StreamsAsync(Path.Combine(evidence.Directory!, evidence.Recording!));
        var video = Assert.Single(streams, s => s.Kind == "video");
        Assert.True(video.Seconds >= (ended.EndedAt!.Value - shown).TotalSeconds - 1.0, $"the camera's track lasts {video.Seconds:0.0} s, at least the {(ended.EndedAt!.Value - shown).TotalSeconds:0.0} s since its picture was on the call");
    }

    [Fact]
    public async Task SipIntercomsCameraThatStopsSendingPicturesDuringACallIsAKioskFaultClearedWhenItSendsAgain()
    {
        var centre = ConsoleFixture.NewCentre();
        await using var camera = await RtspCamera.StartAsync(MediaFixture.Address);
        await using var station = await SipIntercom.StartAsync(MediaFixture.StationAddress, codec: "PCMA");
        var kiosk = await fixture.AddIntercomAsync(centre, "Embankment help point", "Embankment, pier 1",
            new SipStation(station.Uri, ["PCMA"], Registers: false), new KioskCamera(camera.Url));
        var console = await AvailableDispatcherAsync(centre);
        var receipt = await kiosk.PressAsync(new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow));
        await console.GetByTestId("accept-call").ClickAsync();
        await UntilAsync(console, Stats(receipt.CallId), s => s.GetProperty("framesDecoded").GetInt64() > 10, "the camera's frames on the active call");
        Assert.DoesNotContain((await kiosk.GetAsync()).Alerts, a => a.Kind == KioskAlertKind.CameraSilent);

        // The camera hangs: no pictures for Sos:Media:CameraSilentAfter is a kiosk fault, in the timeline too; the call goes on.
        await camera.FreezeAsync();
        var faulty = await Poll.UntilAsync(kiosk.GetAsync, k => k.HasAlert(KioskAlertKind.CameraSilent), "the silent camera as a kiosk fault", MediaTimeout);
        Assert.Contains("has sent no picture", Assert.Single(faulty.Alerts, a => a.Kind == KioskAlertKind.CameraSilent).Detail, StringComparison.Ordinal);
        var call = await fixture.Client.GetCall(receipt.CallId).GetAsync();
        Assert.Equal(CallStatus.Connected, call.Status);
        Assert.Contains(call.Timeline, e => e.Detail?.Contains("camera has sent no picture", StringComparison.Ordinal) == true);

        // It goes on: the fault clears, and the operator sees it again.
        await camera.ThawAsync();
        await Poll.UntilAsync(kiosk.GetAsync, k => !k.HasAlert(KioskAlertKind.CameraSilent), "the camera's fault cleared", TimeSpan.FromSeconds(40));
        var again = (await Read(console, Stats(receipt.CallId))).GetProperty("framesDecoded").GetInt64();
        await UntilAsync(console, Stats(receipt.CallId), s => s.GetProperty("framesDecoded").GetInt64() > again + 10, "the camera's frames again");
        Assert.Contains((await fixture.Client.GetCall(receipt.CallId).GetAsync()).Timeline, e => e.Detail?.Contains("camera sends pictures again", StringComparison.Ordinal) == true);
        await ConsoleFixture.ClosePatrolSentAsync(console, "PVL-16");
    }

    [Fact]
    public async Task SipIntercomsAlwaysOnCameraIsWatchedBetweenCallsAndIsTheCallsRecordedVideoWithoutBeingMountedAgain()
    {
        var centre = ConsoleFixture.NewCentre();
        await using var camera = await RtspCamera.StartAsync(MediaFixture.Address);
        await using var station = await SipIntercom.StartAsync(MediaFixture.StationAddress, codec: "PCMA");
        var kiosk = await fixture.AddIntercomAsync(centre, "Square help point", "Station square, west side",
            new SipStation(station.Uri, ["PCMA"], Registers: false), new KioskCamera(camera.Url, AlwaysOn: true));
        var keeper = fixture.Client.GetGrain<IKioskCameraGrain>(kiosk.GetPrimaryKeyString());

        // Mounted with nobody calling, and watched: a camera that hangs between calls is a kiosk fault.
        var mounted = await Poll.UntilAsync(keeper.GetAsync, k => k.Sending == true, "the always-on camera mounted and sending", MediaTimeout);
        await camera.FreezeAsync();
        await Poll.UntilAsync(kiosk.GetAsync, k => k.HasAlert(KioskAlertKind.CameraSilent), "the hung camera as a kiosk fault between calls", MediaTimeout);
        await camera.ThawAsync();
        await Poll.UntilAsync(kiosk.GetAsync, k => !k.HasAlert(KioskAlertKind.CameraSilent), "the fault cleared between calls", TimeSpan.FromSeconds(40));

        // A press: the kept mountpoint is the call's video on the ringing card, and recorded with the call.
        var console = await AvailableDispatcherAsync(centre);
        var receipt = await kiosk.PressAsync(new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow));
        await UntilAsync(console, Stats(receipt.CallId), s => s.GetProperty("framesDecoded").GetInt64() > 10, "the always-on camera's frames on the ringing card");
        Assert.Contains((await fixture.Client.GetCall(receipt.CallId).GetAsync()).Timeline, e => e.Detail?.Contains("always-on camera is the call's video", StringComparison.Ordinal) == true);
        await console.GetByTestId("accept-call").ClickAsync();
        await Expect(console.GetByTestId("active-call")).ToBeVisibleAsync();
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        await ConsoleFixture.ClosePatrolSentAsync(console, "PVL-17");
        var evidence = await Poll.UntilAsync(() => fixture.Client.GetEvidence(receipt.CallId).GetAsync(), e => e.Status == EvidenceStatus.Kept, "the evidence kept", TimeSpan.FromSeconds(90));
        Assert.Contains(evidence.Files, f => f.Kind == "caller-video" && f.Path.Contains("camera-", StringComparison.Ordinal));
        var video = Assert.Single(await Ffprobe.StreamsAsync(Path.Combine(evidence.Directory!, evidence.Recording!)), s => s.Kind == "video");
        Assert.True(video.Seconds >= 2, $"the camera's track lasts {video.Seconds:0.0} s");

        // The call is over and the camera is still mounted, the same mountpoint, still sending.
        var after = await keeper.GetAsync();
        Assert.Equal((mounted.Server, mounted.MountId, true), (after.Server, after.MountId, after.Sending));

        // Its credentials changed: mounted again with them (a new mountpoint secret), and sending.
        await kiosk.SetCameraCredentialsAsync(new CameraCredentials("viewer", "square-camera-5"), Actors.Tool("test"));
        await Poll.UntilAsync(keeper.GetAsync, k => k.Secret != mounted.Secret && k.Server is not null && k.Sending == true, "the camera mounted again with its new credentials", MediaTimeout);

        // No longer always on: let go.
        var registration = (await kiosk.GetAsync()).Registration!;
        await kiosk.RegisterAsync(registration with { Camera = registration.Camera! with { AlwaysOn = false } }, Actors.Tool("test"));
        await Poll.UntilAsync(keeper.GetAsync, k => k.Server is null, "the camera no longer kept mounted", MediaTimeout);
    }

    [Fact]
    public async Task SipIntercomAnswersTheOperatorsCallBackAndBothVoicesAndItsCameraAreRecorded()
    {
        var centre = ConsoleFixture.NewCentre();
        await using var camera = await RtspCamera.StartAsync(MediaFixture.Address);
        await using var station = await SipIntercom.StartAsync(MediaFixture.StationAddress, codec: "PCMA");
        var kiosk = await fixture.AddIntercomAsync(centre, "Market help point", "Central market, east gate",
            new SipStation(station.Uri, ["PCMA", "PCMU"], Registers: false), new KioskCamera(camera.Url));
        var console = await AvailableDispatcherAsync(centre);

        // Pressed (through the device API's gateway) and answered: Sos calls the station back, it answers by itself, and
        // the operator hears its tone on the connection that carries their voice; the station hears the operator.
        var receipt = await kiosk.PressAsync(new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow));
        await Expect(console.GetByTestId("incoming-call")).ToBeVisibleAsync();
        await console.GetByTestId("accept-call").ClickAsync();
        await Expect(console.GetByTestId("active-call")).ToBeVisibleAsync();
        await UntilAsync(console, Stats(receipt.CallId), s => s.GetProperty("talking").GetBoolean() && s.GetProperty("stationAudioPackets").GetInt64() > 50 && s.GetProperty("audioLevel").GetDouble() > 0.01, "the station's tone at the operator");
        await UntilAsync(console, Stats(receipt.CallId), s => s.GetProperty("framesDecoded").GetInt64() > 10, "the station's camera on the active call");
        var talking = DateTimeOffset.UtcNow;
        await ConsoleFixture.ScreenshotAsync(console, "media-intercom-active-call.png");
        var call = await fixture.Client.GetCall(receipt.CallId).GetAsync();
        Assert.Contains(call.Timeline, e => e.Detail?.Contains($"talking with the station {station.Uri}", StringComparison.Ordinal) == true);

        // A supervisor listening in sees the camera and is told the voices are on the station's own line.
        var supervisor = await fixture.CreateAccountAsync(centre, "supervisor", null, AccountRole.Supervisor);
        var wall = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(wall, supervisor);
        await wall.GetByTestId("nav-wall").ClickAsync();
        await wall.Locator($"[data-testid=wall-call][data-call-id='{receipt.CallId}']").GetByTestId("listen-in").ClickAsync();
        await Expect(wall.GetByTestId("listen-panel")).ToContainTextAsync("cannot be heard while listening in");
        await UntilAsync(wall, Stats(receipt.CallId), s => s.GetProperty("framesDecoded").GetInt64() > 10, "the station's camera on the wall");
        await ConsoleFixture.ScreenshotAsync(wall, "media-wall-listening-intercom.png");
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        // The operator closes the call: the station's call ends with it (a BYE).
        await ConsoleFixture.ClosePatrolSentAsync(console, "PVL-11");
        var ended = await Poll.UntilAsync(() => fixture.Client.GetMediaSession(receipt.CallId).GetAsync(), m => m.Status == MediaStatus.Ended, "the media ended with the call", MediaTimeout);
        await Poll.UntilAsync(() => Task.FromResult(station.Log), log => log.Contains("terminated", StringComparison.OrdinalIgnoreCase) || log.Contains("closed", StringComparison.OrdinalIgnoreCase), "the station's call ended by Sos", MediaTimeout);
        // One call to the station (the operator's microphone joined once), which heard the operator.
        var heard = Assert.Single(station.HeardFiles);
        Assert.True(await Ffprobe.MaxVolumeAsync(heard, 0) > -40, $"the station heard the operator: {heard}");

        // The evidence: the station's voice (the caller's), the operator's, and the camera.
        var evidence = await Poll.UntilAsync(() => fixture.Client.GetEvidence(receipt.CallId).GetAsync(), e => e.Status == EvidenceStatus.Kept, "the evidence kept", TimeSpan.FromSeconds(90));
        foreach (var file in evidence.Files)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{file.Kind} {file.Path}: {file.Bytes} bytes");
        }

        Assert.Contains(evidence.Files, f => f.Kind == "caller-audio" && f.Path.Contains("sip-", StringComparison.Ordinal) && f.Path.EndsWith("-peer-audio.mjr", StringComparison.Ordinal));
        Assert.Contains(evidence.Files, f => f.Kind == "operator-audio" && f.Path.Contains("sip-", StringComparison.Ordinal) && f.Path.EndsWith("-user-audio.mjr", StringComparison.Ordinal));
        Assert.Contains(evidence.Files, f => f.Kind == "caller-video" && f.Path.Contains("camera-", StringComparison.Ordinal));
        var recording = Path.Combine(evidence.Directory!, evidence.Recording!);
        var streams = await Ffprobe.StreamsAsync(recording);
        Assert.Equal(["video", "audio", "audio"], streams.Select(s => s.Kind).ToArray());
        var spoke = (ended.EndedAt!.Value - talking).TotalSeconds;
        Assert.All(streams.Skip(1), s => Assert.True(s.Seconds >= spoke - 1.0, $"a voice lasts {s.Seconds:0.0} s of the {spoke:0.0} s the operator and the station talked"));
        for (var track = 0; track < 2; track++)
        {
            var loudest = await Ffprobe.MaxVolumeAsync(recording, track);
            Assert.True(loudest > -40, $"audio track {track} ({(track == 0 ? "the station" : "the operator")}) holds sound: its loudest sample is {loudest} dBFS");
        }
    }

    [Fact]
    public async Task SipIntercomPressedByItsOwnSipMessageRingsAndTheOperatorWhoAnswersHearsIt()
    {
        var centre = ConsoleFixture.NewCentre();
        await using var station = await SipIntercom.StartAsync(MediaFixture.StationAddress, codec: "PCMA", server: fixture.SipServer);
        var kiosk = await fixture.AddIntercomAsync(centre, "Park help point", "City park, south gate", new SipStation(station.Uri, ["PCMA"], Registers: false, PressCode: "SOS"));
        var console = await AvailableDispatcherAsync(centre);

        // No gateway: the station's own button sends its press code to Sos's SIP server, and the call rings — at this
        // kiosk, though every baresip station of these tests is help-point@ the same address (the port tells them apart).
        await station.PressAsync("SOS");
        var pressed = await Poll.UntilAsync(kiosk.GetAsync, k => k.OpenCallId is not null, "the station's MESSAGE opening a call", MediaTimeout);

        await Expect(console.GetByTestId("incoming-call")).ToHaveAttributeAsync("data-call-id", pressed.OpenCallId.ToString()!);

        // Answered: Sos calls the station back, and the operator hears it.
        await AnswerAndHearTheStationAsync(console, pressed.OpenCallId!.Value, "the station's tone at the operator");
        await ConsoleFixture.ClosePatrolSentAsync(console, "PVL-12");
        Assert.Equal(1L, (await kiosk.GetAsync()).CallCount);
    }

    /// <summary>The operator answers the ringing call, and Sos's call-back to the station brings its tone to them.</summary>
    private static async Task AnswerAndHearTheStationAsync(IPage console, Guid callId, string what)
    {
        await console.GetByTestId("accept-call").ClickAsync();
        await UntilAsync(console, Stats(callId), s => s.GetProperty("talking").GetBoolean() && s.GetProperty("stationAudioPackets").GetInt64() > 20 && s.GetProperty("audioLevel").GetDouble() > 0.01, what);
    }

    [Fact]
    public async Task SipIntercomThatCallsSosRingsAndTheOperatorWhoAnswersIsConnectedToItByItsCallBack()
    {
        var centre = ConsoleFixture.NewCentre();
        await using var station = await SipIntercom.StartAsync(MediaFixture.StationAddress, codec: "PCMA", user: "hp-calls");
        var kiosk = await fixture.AddIntercomAsync(centre, "Stadium help point", "Stadium, east stand", new SipStation(station.Uri, ["PCMA"], Registers: false));
        var console = await AvailableDispatcherAsync(centre);

        // The station's button makes it call Sos's SIP server: that call is its press. It rings at the operator, and the
        // station's own call ends at once with Sos's answer that it calls back (so the station is free for it).
        await station.DialAsync(fixture.SipServer);
        var pressed = await Poll.UntilAsync(kiosk.GetAsync, k => k.OpenCallId is not null, "the station's call opening a call", MediaTimeout);
        await Expect(console.GetByTestId("incoming-call")).ToHaveAttributeAsync("data-call-id", pressed.OpenCallId.ToString()!);
        await Poll.UntilAsync(() => Task.FromResult(station.Log), log => log.Contains("480 Sos Calls Back", StringComparison.Ordinal), "the station told that Sos calls back", MediaTimeout);

        // Answered: Sos calls the station back, it answers by itself, and the operator hears it.
        await AnswerAndHearTheStationAsync(console, pressed.OpenCallId!.Value, "the calling station's tone at the operator");
        await ConsoleFixture.ClosePatrolSentAsync(console, "PVL-18");
        Assert.Equal(1L, (await kiosk.GetAsync()).CallCount);
    }

    [Fact]
    public async Task SipIntercomThatRegistersIsOnlineWhileRegisteredRingsIsCalledBackWhereItRegisteredAndGoesOfflineWhenItsRegistrationLapses()
    {
        const string password = "ferry-Station-77";
        var centre = ConsoleFixture.NewCentre();
        var aor = $"sip:hp-reg-{Guid.NewGuid():N}"[..19] + $"@{MediaFixture.Address}:{fixture.SipPort}";
        var kiosk = await fixture.AddIntercomAsync(centre, "Ferry help point", "Ferry pier", new SipStation(aor, ["PCMA"], Registers: true, PressCode: "SOS"));
        var kioskId = kiosk.GetPrimaryKeyString();
        var supervisor = fixture.Client.GetGrain<IStationSupervisorGrain>(0);
        await kiosk.SetSipPasswordAsync(password, Actors.Tool("test"));

        // A station that signs in with the wrong password is refused by Sos's registrar: not registered, not Online.
        await using (var impostor = await SipIntercom.StartAsync(MediaFixture.StationAddress, registers: (aor, "not-its-password")))
        {
            await Poll.UntilAsync(() => Task.FromResult(impostor.Log), log => log.Contains(": 401 ", StringComparison.Ordinal) || log.Contains(": 403 ", StringComparison.Ordinal), "the registrar refusing the wrong password", MediaTimeout);
            Assert.Null(await supervisor.ContactOfAsync(kioskId));
            Assert.NotEqual(KioskConnectivity.Online, (await kiosk.GetAsync()).Connectivity);
        }

        // The station registers with its password: its registration is its heartbeat.
        var console = await AvailableDispatcherAsync(centre);
        var station = await SipIntercom.StartAsync(MediaFixture.StationAddress, codec: "PCMA", user: "hp-ferry", server: fixture.SipServer, registers: (aor, password));
        await Poll.UntilAsync(kiosk.GetAsync, k => k.Connectivity == KioskConnectivity.Online, "the registered station Online", MediaTimeout);
        var contact = await supervisor.ContactOfAsync(kioskId);
        Assert.Contains($"@{MediaFixture.StationAddress}:{station.Uri.Split(':').Last()}", contact, StringComparison.Ordinal);

        // Its press rings; answered, Sos calls it where it registered, and the operator hears it.
        await station.PressAsync("SOS");
        var pressed = await Poll.UntilAsync(kiosk.GetAsync, k => k.OpenCallId is not null, "the registered station's MESSAGE opening a call", MediaTimeout);
        await Expect(console.GetByTestId("incoming-call")).ToHaveAttributeAsync("data-call-id", pressed.OpenCallId.ToString()!);
        await AnswerAndHearTheStationAsync(console, pressed.OpenCallId!.Value, "the registered station's tone at the operator");
        await ConsoleFixture.ClosePatrolSentAsync(console, "PVL-15");

        // Switched off without saying so: its registration lapses (10 s), and the kiosk goes Offline saying why.
        await station.DisposeAsync();
        var offline = await Poll.UntilAsync(kiosk.GetAsync, k => k.Connectivity == KioskConnectivity.Offline, "the station Offline once its registration lapsed", TimeSpan.FromSeconds(45));
        Assert.Contains("SIP registration has lapsed", Assert.Single(offline.Alerts, a => a.Kind == KioskAlertKind.Offline).Detail, StringComparison.Ordinal);
        Assert.Null(await supervisor.ContactOfAsync(kioskId));
    }

    [Fact]
    public async Task SipIntercomThatHangsUpEndsItsVoiceOnlyAndTheOperatorCallsItAgain()
    {
        var centre = ConsoleFixture.NewCentre();
        await using var station = await SipIntercom.StartAsync(MediaFixture.StationAddress, codec: "PCMU");
        var kiosk = await fixture.AddIntercomAsync(centre, "Stadium help point", "Stadium, north stand", new SipStation(station.Uri, ["PCMU"], Registers: false));
        var console = await AvailableDispatcherAsync(centre);

        var receipt = await kiosk.PressAsync(new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow));
        await console.GetByTestId("accept-call").ClickAsync();
        await UntilAsync(console, Stats(receipt.CallId), s => s.GetProperty("stationAudioPackets").GetInt64() > 20, "the station's voice at the operator");
        Assert.True((await fixture.Client.GetMediaSession(receipt.CallId).GetAsync()).OperatorLive);

        // The station hangs up: its voice ends, the call stays with the operator (to record and dispatch), and the
        // timeline says the station hung up.
        await station.HangUpAsync();
        var call = await Poll.UntilAsync(() => fixture.Client.GetCall(receipt.CallId).GetAsync(), c => c.Timeline.Any(e => e.Detail?.Contains($"the station {station.Uri} hung up", StringComparison.Ordinal) == true), "the timeline saying the station hung up", MediaTimeout);
        Assert.Equal(CallStatus.Connected, call.Status);
        await Poll.UntilAsync(() => fixture.Client.GetMediaSession(receipt.CallId).GetAsync(), m => !m.OperatorLive && m.StationCall && !m.StationLive, "the station's leg ended", MediaTimeout);

        // The operator calls it again from the call: it answers, and they hear each other again.
        await Expect(console.GetByTestId("active-call").GetByTestId("media-call-station")).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(console, "media-intercom-hung-up.png");
        await console.GetByTestId("active-call").GetByTestId("media-call-station").ClickAsync();
        await Poll.UntilAsync(() => fixture.Client.GetMediaSession(receipt.CallId).GetAsync(), m => m.StationLive, "the station called again", MediaTimeout);
        await UntilAsync(console, Stats(receipt.CallId), s => s.GetProperty("talking").GetBoolean() && s.GetProperty("stationAudioPackets").GetInt64() > 20, "the station's voice again");
        await Expect(console.GetByTestId("active-call").GetByTestId("media-call-station")).ToHaveCountAsync(0);
        await Poll.UntilAsync(() => fixture.Client.GetCall(receipt.CallId).GetAsync(), c => c.Timeline.Count(e => e.Detail?.Contains($"talking with the station {station.Uri}", StringComparison.Ordinal) == true) == 2, "the timeline saying the operator talks with the station again", MediaTimeout);
        await ConsoleFixture.ClosePatrolSentAsync(console, "PVL-14");
        var evidence = await Poll.UntilAsync(() => fixture.Client.GetEvidence(receipt.CallId).GetAsync(), e => e.Status == EvidenceStatus.Kept, "the evidence kept", TimeSpan.FromSeconds(90));
        Assert.Contains(evidence.Files, f => f.Kind == "caller-audio" && f.Path.EndsWith("-peer-audio.mjr", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SipIntercomWhoseCameraDoesNotAnswerStillRingsAndIsAnsweredAndTheTimelineSaysWhyOnce()
    {
        var centre = ConsoleFixture.NewCentre();
        var nobody = Sos.Simulator.Chaos.FreePorts.Next();
        var kiosk = await fixture.AddIntercomAsync(centre, "Park help point", "Central park, gate 1",
            new SipStation($"sip:hp-park-1@{MediaFixture.Address}:5062", ["PCMA"], Registers: false), new KioskCamera($"rtsp://{MediaFixture.Address}:{nobody}/unplugged"));
        var console = await AvailableDispatcherAsync(centre);

        var receipt = await kiosk.PressAsync(new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow));
        await Expect(console.GetByTestId("incoming-call")).ToBeVisibleAsync();
        await console.GetByTestId("accept-call").ClickAsync();
        await Expect(console.GetByTestId("active-call")).ToBeVisibleAsync();
        var call = await Poll.UntilAsync(() => fixture.Client.GetCall(receipt.CallId).GetAsync(), c => c.Timeline.Any(e => e.Detail?.Contains("camera could not be mounted", StringComparison.Ordinal) == true), "the timeline saying the camera is missing", MediaTimeout);
        await Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        call = await fixture.Client.GetCall(receipt.CallId).GetAsync();
        Assert.Equal(CallStatus.Connected, call.Status);
        Assert.Single(call.Timeline, e => e.Detail?.Contains("camera could not be mounted", StringComparison.Ordinal) == true);
        Assert.Contains("could not be mounted", Assert.Single((await kiosk.GetAsync()).Alerts, a => a.Kind == KioskAlertKind.CameraSilent).Detail, StringComparison.Ordinal);

        // Nothing answers at the station's address either: the operator is told they cannot hear it, the timeline says
        // why, and the call goes on.
        await Expect(console.GetByTestId("active-call").GetByTestId("media-state")).ToContainTextAsync("did not answer", new() { Timeout = 40_000 });
        call = await fixture.Client.GetCall(receipt.CallId).GetAsync();
        Assert.Contains(call.Timeline, e => e.Detail?.Contains("hp-park-1", StringComparison.Ordinal) == true && e.Detail.Contains("did not", StringComparison.Ordinal));
        Assert.Equal(CallStatus.Connected, call.Status);

        // A station that does not answer a call-back is a kiosk fault (the kiosks page and the wall show it) …
        var alert = (await Poll.UntilAsync(kiosk.GetAsync, k => k.HasAlert(KioskAlertKind.StationNoAnswer), "the kiosk alert for a station that does not answer", MediaTimeout))
            .Alerts.Single(a => a.Kind == KioskAlertKind.StationNoAnswer);
        Assert.Contains(receipt.CallId.ToString(), alert.Detail, StringComparison.Ordinal);

        // … until it answers one: the station is back (switched on again), the operator calls it again, the alert clears.
        await using (var station = await SipIntercom.StartAsync(MediaFixture.Address, codec: "PCMA", user: "hp-park-1", port: 5062))
        {
            await console.GetByTestId("active-call").GetByTestId("media-call-station").ClickAsync();
            await Poll.UntilAsync(() => fixture.Client.GetMediaSession(receipt.CallId).GetAsync(), m => m.StationLive, "the station answering the operator's call again", MediaTimeout);
            var cleared = await Poll.UntilAsync(kiosk.GetAsync, k => !k.HasAlert(KioskAlertKind.StationNoAnswer), "the alert cleared by the station's answer", MediaTimeout);
            Assert.Contains(cleared.AlertHistory, e => e.Kind == KioskAlertKind.StationNoAnswer && !e.Raised);
            await ConsoleFixture.ClosePatrolSentAsync(console, "PVL-09");
        }
    }

    [Fact]
    public async Task KioskWhoseCameraFailsStillRingsAnOperatorWhoIsToldWhyThereIsNoPicture()
    {
        var centre = ConsoleFixture.NewCentre();
        var dispatcher = await fixture.CreateDispatcherAsync(centre);
        var (kioskId, secret) = await fixture.AddKioskAsync(centre);
        var console = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(console, dispatcher);
        await console.GetByTestId("presence-available").ClickAsync();
        await Expect(console.GetByTestId("presence-status")).ToHaveTextAsync(new Regex("Available"));

        // The kiosk's camera and microphone cannot be opened (unplugged, broken).
        var kiosk = await OpenKioskAsync(kioskId, secret, brokenCamera: true);
        await kiosk.GetByTestId("kiosk-sos-button").ClickAsync();

        await Expect(console.GetByTestId("incoming-call")).ToBeVisibleAsync();
        await Poll.UntilAsync(() => fixture.Client.GetKiosk(kioskId).GetAsync(), k => k.Health is { CameraOk: false }, "the kiosk reporting its camera fault", MediaTimeout);
        await Expect(console.GetByTestId("incoming-call").GetByTestId("media-state")).ToContainTextAsync("The kiosk reports its camera or microphone faulty");
        await ConsoleFixture.ScreenshotAsync(console, "media-ringing-without-camera.png");

        await console.GetByTestId("accept-call").ClickAsync();
        await Expect(console.GetByTestId("active-call")).ToBeVisibleAsync();
        await Expect(kiosk.GetByTestId("kiosk-lamp")).ToHaveAttributeAsync("data-on", "true");
        await Expect(kiosk.GetByTestId("kiosk-call-status")).ToContainTextAsync("Connected");
    }

    [Fact]
    public async Task MediaServerKilledMidCallLosesNothingAndTheMediaComesBackOnAnother()
    {
        const string adminKey = "media-failover-test";
        await using var first = await JanusServer.StartAsync(MediaFixture.Address, "22000-22499", adminKey);
        await using var second = await JanusServer.StartAsync(MediaFixture.Address, "22500-22999", adminKey);
        await using var app = await ConsoleApp.StartAsync(new Dictionary<string, string>
        {
            ["Sos:Media:Enabled"] = "true",
            ["Sos:Media:Janus:Urls:0"] = first.Url,
            ["Sos:Media:Janus:Urls:1"] = second.Url,
            ["Sos:Media:Janus:AdminKey"] = adminKey,
        });
        var (console, kiosk, callId, dispatcher) = await ConnectAsync(app);

        // The server holding the call's room dies.
        var before = await app.Client.GetMediaSession(callId).GetAsync();
        var (dying, surviving) = before.Server == first.Url ? (first, second) : (second, first);
        var killed = DateTime.UtcNow;
        dying.Kill();

        var moved = await Poll.UntilAsync(() => app.Client.GetMediaSession(callId).GetAsync(), m => m is { Status: MediaStatus.Live, Rooms: 2 } && m.Server == surviving.Url, "the room made again on the surviving server", MediaTimeout);
        await UntilAsync(console, Stats(callId), s => s.GetProperty("watches").GetInt32() >= 2 && s.GetProperty("framesDecoded").GetInt64() > 0 && s.GetProperty("videoWidth").GetInt32() > 0, "video back on the active call");
        await UntilAsync(kiosk, "window.sosKiosk.stats()", s => s.GetProperty("receives").GetInt32() >= 2 && s.GetProperty("audioPacketsReceived").GetInt64() > 0, "the operator's voice back at the kiosk");
        TestContext.Current.TestOutputHelper?.WriteLine($"media back {(DateTime.UtcNow - killed).TotalSeconds:0.0} s after its server was killed");

        // The call went on throughout, and its timeline says what happened to its media.
        var call = await app.Client.GetCall(callId).GetAsync();
        Assert.Equal(CallStatus.Connected, call.Status);
        Assert.Equal(dispatcher, call.ConnectedOperator);
        Assert.Contains(call.Timeline, e => e.Kind == CallEventKind.Media && e.Detail!.Contains(surviving.Url, StringComparison.Ordinal));
        await Expect(console.GetByTestId("active-call")).ToBeVisibleAsync();
        await Expect(kiosk.GetByTestId("kiosk-lamp")).ToHaveAttributeAsync("data-on", "true");
        Assert.Equal(surviving.Url, moved.Server);
    }

    [Fact]
    public async Task OpenCallWhoseRoomWasLostWhenItsMediaServerRestartedGetsANewOne()
    {
        const string adminKey = "media-restart-test";
        var janus = await JanusServer.StartAsync(MediaFixture.Address, "23000-23499", adminKey);
        try
        {
            await using var app = await ConsoleApp.StartAsync(new Dictionary<string, string>
            {
                ["Sos:Media:Enabled"] = "true",
                ["Sos:Media:Janus:Urls:0"] = janus.Url,
                ["Sos:Media:Janus:AdminKey"] = adminKey,
            });
            var (console, kiosk, callId, _) = await ConnectAsync(app);

            // Janus dies and comes back (as the embedded host's supervisor restarts it): the call's room is gone.
            janus.Kill();
            await janus.DisposeAsync();
            janus = await JanusServer.StartAsync(MediaFixture.Address, "23000-23499", adminKey, janus.Port);

            await Poll.UntilAsync(() => app.Client.GetMediaSession(callId).GetAsync(), m => m is { Status: MediaStatus.Live, Rooms: 2 }, "the room made again", MediaTimeout);
            Assert.Contains(callId.ToString("N"), await janus.RoomsAsync(adminKey));
            await UntilAsync(console, Stats(callId), s => s.GetProperty("watches").GetInt32() >= 2 && s.GetProperty("framesDecoded").GetInt64() > 0, "video back on the active call");
            await UntilAsync(kiosk, "window.sosKiosk.stats()", s => s.GetProperty("receives").GetInt32() >= 2 && s.GetProperty("audioPacketsReceived").GetInt64() > 0, "the operator's voice back at the kiosk");
            Assert.Equal(CallStatus.Connected, (await app.Client.GetCall(callId).GetAsync()).Status);
        }
        finally
        {
            await janus.DisposeAsync();
        }
    }

    [Fact]
    public async Task RoomLeftBehindWhenItsServerHungAtTheEndOfTheCallIsDestroyedOnceTheServerAnswersAgain()
    {
        const string adminKey = "media-reconcile-test";
        await using var janus = await JanusServer.StartAsync(MediaFixture.Address, "23500-23999", adminKey);
        await using var app = await ConsoleApp.StartAsync(new Dictionary<string, string>
        {
            ["Sos:Media:Enabled"] = "true",
            ["Sos:Media:Janus:Urls:0"] = janus.Url,
            ["Sos:Media:Janus:AdminKey"] = adminKey,
            ["Sos:Media:Janus:RequestTimeout"] = "00:00:01",
            ["Sos:Media:ReconcileInterval"] = "00:00:02",
        });
        var centre = ConsoleFixture.NewCentre();
        var (kioskId, secret) = await fixture.AddKioskAsync(centre, app.Client);
        var kiosk = await OpenKioskAsync(kioskId, secret, app: app);
        await kiosk.GetByTestId("kiosk-sos-button").ClickAsync();
        var callId = Guid.Parse((await UntilAsync(kiosk, "window.sosKiosk.stats()", s => s.GetProperty("publishing").GetBoolean(), "the kiosk publishing")).GetProperty("callId").GetString()!);
        await Poll.UntilAsync(() => app.Client.GetMediaSession(callId).GetAsync(), m => m.CallerLive, "the kiosk's side live", MediaTimeout);

        // The server hangs; the person hangs up; the call ends, but its room cannot be destroyed now.
        janus.Pause();
        await kiosk.GetByTestId("kiosk-hang-up").ClickAsync();
        await Poll.UntilAsync(() => app.Client.GetMediaSession(callId).GetAsync(), m => m.Status == MediaStatus.Ended, "the media ended", MediaTimeout);
        Assert.Equal(CallStatus.Abandoned, (await app.Client.GetCall(callId).GetAsync()).Status);

        janus.Resume();
        await Poll.UntilAsync(() => janus.RoomsAsync(adminKey), rooms => !rooms.Contains(callId.ToString("N")), "the call's room destroyed by reconciliation", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task SupervisorListensInSilentlyThenTakesTheCallOverAndTheKioskHearsThem()
    {
        var centre = ConsoleFixture.NewCentre();
        var supervisor = await fixture.CreateAccountAsync(centre, "supervisor", null, AccountRole.Supervisor, AccountRole.Dispatcher);
        var (dispatcherPage, kiosk, callId, _) = await ConnectAsync(fixture.App, centre);

        var wall = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(wall, supervisor);
        await wall.GetByTestId("nav-wall").ClickAsync();
        var row = wall.Locator($"[data-testid=wall-call][data-call-id='{callId}']");
        await row.GetByTestId("listen-in").ClickAsync();
        await Expect(wall.GetByTestId("listen-panel")).ToBeVisibleAsync();
        await UntilAsync(wall, Stats(callId), s => s.GetProperty("framesDecoded").GetInt64() > 0 && s.GetProperty("operatorAudioPackets").GetInt64() > 0 && s.GetProperty("operatorAudioLevel").GetDouble() > 0,
            "the caller's picture and the operator's voice on the wall");
        Assert.False((await Read(wall, Stats(callId))).GetProperty("talking").GetBoolean());
        await ConsoleFixture.ScreenshotAsync(wall, "media-wall-listening.png");
        await Poll.UntilAsync(() => fixture.Client.GetCall(callId).GetAsync(), c => c.Timeline.Any(e => e.Kind == CallEventKind.Media && e.Detail!.StartsWith($"{supervisor} listened in silently", StringComparison.Ordinal)),
            "the listening in the call's timeline", MediaTimeout);

        await row.GetByTestId("take-over").ClickAsync();
        await wall.Locator("[data-testid=supervisor-reason] input, input[data-testid=supervisor-reason]").FillAsync("Taking this one myself");
        await wall.GetByTestId("supervisor-confirm").ClickAsync();
        await Expect(wall).ToHaveURLAsync(new Regex("/dispatch$"));
        await Expect(wall.GetByTestId("active-call")).ToBeVisibleAsync();
        await Expect(dispatcherPage.GetByTestId("active-call")).ToHaveCountAsync(0);
        await UntilAsync(wall, Stats(callId), s => s.GetProperty("talking").GetBoolean() && s.GetProperty("framesDecoded").GetInt64() > 0, "the supervisor seeing the caller and talking");
        await UntilAsync(kiosk, "window.sosKiosk.stats()", s => s.GetProperty("receives").GetInt32() >= 2 && s.GetProperty("audioPacketsReceived").GetInt64() > 0 && s.GetProperty("audioLevel").GetDouble() > 0,
            "the supervisor's voice at the kiosk");
        Assert.Equal(supervisor, (await fixture.Client.GetCall(callId).GetAsync()).ConnectedOperator);
    }

    [Fact]
    public async Task EvidencePastItsRetentionIsDeletedAndTheCallsTimelineSaysSo()
    {
        await using var app = await ConsoleApp.StartAsync(new Dictionary<string, string>
        {
            ["Sos:Media:Enabled"] = "true",
            ["Sos:Media:Address"] = MediaFixture.Address,
            ["Sos:Media:Janus:Port"] = Sos.Simulator.Chaos.FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sos:Media:RtpPorts"] = "24000-24499",
            ["Sos:Media:Retention"] = "00:00:04",
            ["Sos:Media:RetentionSweepInterval"] = "00:00:01",
        });
        var centre = ConsoleFixture.NewCentre();
        var (kioskId, secret) = await fixture.AddKioskAsync(centre, app.Client);
        var kiosk = await OpenKioskAsync(kioskId, secret, app: app);
        await kiosk.GetByTestId("kiosk-sos-button").ClickAsync();
        var callId = Guid.Parse((await UntilAsync(kiosk, "window.sosKiosk.stats()", s => s.GetProperty("videoFramesSent").GetInt64() > 10, "the kiosk sending video")).GetProperty("callId").GetString()!);
        await kiosk.GetByTestId("kiosk-hang-up").ClickAsync();

        var kept = await Poll.UntilAsync(() => app.Client.GetEvidence(callId).GetAsync(), e => e.Status == EvidenceStatus.Kept, "the evidence kept", TimeSpan.FromSeconds(60));
        Assert.True(Directory.Exists(kept.Directory), "the evidence is on disk");
        var deleted = await Poll.UntilAsync(() => app.Client.GetEvidence(callId).GetAsync(), e => e.Status == EvidenceStatus.Deleted, "the evidence deleted by retention", TimeSpan.FromSeconds(30));
        Assert.False(Directory.Exists(kept.Directory), "its files are gone");
        Assert.Empty(deleted.Files);
        var call = await app.Client.GetCall(callId).GetAsync();
        Assert.Contains(call.Timeline, e => e.Kind == CallEventKind.Media && e.Detail!.StartsWith("recording deleted by the retention setting", StringComparison.Ordinal) && e.Detail.Contains(kept.ManifestSha256!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task BrowserKioskAnswersItsTestCallByItselfThroughTheMediaServerAndNobodyIsRung()
    {
        var centre = ConsoleFixture.NewCentre();
        var (kioskId, secret) = await fixture.AddKioskAsync(centre);
        var grain = fixture.Client.GetKiosk(kioskId);
        var kiosk = await OpenKioskAsync(kioskId, secret);
        await Poll.UntilAsync(grain.GetAsync, k => k.Connectivity == KioskConnectivity.Online, "the kiosk online", MediaTimeout);

        var asked = (await grain.RequestTestAsync(Actors.Operator("admin"))).Maintenance.PendingTest!;

        // It learns of the test with its next heartbeat (every 5 s), echoes its camera and microphone through Janus and reports.
        var tested = await Poll.UntilAsync(grain.GetAsync, k => k.Maintenance.LastTest?.Test.TestId == asked.TestId, "the kiosk answering its test call", TimeSpan.FromSeconds(45));
        var result = tested.Maintenance.LastTest!;
        TestContext.Current.TestOutputHelper?.WriteLine($"test call {asked.TestId}: {result.Outcome}, {result.Detail} {result.Report?.Detail}, {(result.EndedAt - asked.RequestedAt).TotalSeconds:0.0} s after it was asked");
        Assert.True(result.Outcome == KioskTestOutcome.Passed, result.Detail);
        var loopback = result.Report!.Loopback!;
        Assert.Null(loopback.Problem);
        Assert.True(loopback.VideoFrames > 0, $"video came back: {loopback}");
        Assert.True(loopback.AudioLevel >= 0.01, $"audio came back: {loopback}");
        Assert.Null(tested.Maintenance.OpenTicket);
        Assert.Equal(0, tested.CallCount);
        Assert.Null(await kiosk.EvaluateAsync<string?>("window.sosKiosk.testing()"));
    }

    /// <summary>A dispatcher answers a press from a kiosk page of <paramref name="app"/>; returns once both sides hear and see.</summary>
    private async Task<(IPage Console, IPage Kiosk, Guid CallId, string Dispatcher)> ConnectAsync(ConsoleApp app, string? centre = null)
    {
        centre ??= ConsoleFixture.NewCentre();
        var dispatcher = await fixture.CreateDispatcherAsync(centre, app.Client);
        var (kioskId, secret) = await fixture.AddKioskAsync(centre, app.Client);
        var console = await fixture.NewPageAsync(app);
        await ConsoleFixture.SignInAsync(console, dispatcher);
        await console.GetByTestId("presence-available").ClickAsync();
        await Expect(console.GetByTestId("presence-status")).ToHaveTextAsync(new Regex("Available"));
        var kiosk = await OpenKioskAsync(kioskId, secret, app: app);
        await kiosk.GetByTestId("kiosk-sos-button").ClickAsync();
        await Expect(console.GetByTestId("incoming-call")).ToBeVisibleAsync();
        await console.GetByTestId("accept-call").ClickAsync();
        await Expect(console.GetByTestId("active-call")).ToBeVisibleAsync();
        var callId = Guid.Parse((await Read(kiosk, "window.sosKiosk.stats()")).GetProperty("callId").GetString()!);
        await UntilAsync(console, Stats(callId), s => s.GetProperty("framesDecoded").GetInt64() > 0, "video on the active call");
        await UntilAsync(kiosk, "window.sosKiosk.stats()", s => s.GetProperty("audioPacketsReceived").GetInt64() > 0, "the operator's voice at the kiosk");
        return (console, kiosk, callId, dispatcher);
    }

    private async Task<IPage> OpenKioskAsync(string kioskId, string secret, bool brokenCamera = false, ConsoleApp? app = null)
    {
        var kiosk = await fixture.NewPageAsync(app);
        if (brokenCamera)
        {
            await kiosk.AddInitScriptAsync("navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Could not start video source', 'NotReadableError'));");
        }

        await kiosk.GotoAsync($"/kiosk/{kioskId}");
        await kiosk.GetByTestId("kiosk-secret").FillAsync(secret);
        await kiosk.GetByTestId("kiosk-secret-save").ClickAsync();
        await Expect(kiosk.GetByTestId("kiosk-sos-button")).ToBeVisibleAsync();
        return kiosk;
    }

    [Fact]
    public async Task CitizenSosFromThePhoneAppShowsItsVideoOnTheRingingCardAndTheCitizenHearsTheOperatorAfterTheAnswer()
    {
        var dispatcher = await fixture.CreateDispatcherAsync(SosConstants.DefaultCentreId);
        var console = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(console, dispatcher);
        await console.GetByTestId("presence-available").ClickAsync();
        await Expect(console.GetByTestId("presence-status")).ToHaveTextAsync(new Regex("Available"));

        var phone = await fixture.NewPhonePageAsync(52.2871, 76.9674);
        await phone.GotoAsync("/app?lang=en");
        await phone.GetByTestId("citizen-sos").ClickAsync();
        await Expect(phone.GetByTestId("citizen-status")).ToHaveAttributeAsync("data-state", "waiting");
        var sessionId = Guid.Parse((await UntilAsync(phone, "window.sosCitizen.stats()", s => s.GetProperty("videoFramesSent").GetInt64() > 0, "the phone sending its camera")).GetProperty("sessionId").GetString()!);

        // The ringing card: the app's call, the phone on the map, and its camera before anyone answers.
        var card = console.GetByTestId("incoming-call");
        await Expect(card.GetByTestId("call-channel")).ToBeVisibleAsync();
        await Expect(card.GetByTestId("map-caller")).ToHaveCountAsync(1);
        await Expect(card.GetByTestId("kiosk-video")).ToBeVisibleAsync();
        await UntilAsync(console, Stats(sessionId), s => s.GetProperty("framesDecoded").GetInt64() > 0 && s.GetProperty("videoWidth").GetInt32() > 0, "the phone's video on the ringing card");
        await ConsoleFixture.ScreenshotAsync(console, "citizen-sos-video-ringing.png");

        await console.GetByTestId("accept-call").ClickAsync();
        await Expect(phone.GetByTestId("citizen-status")).ToHaveAttributeAsync("data-state", "connected");
        await UntilAsync(phone, "window.sosCitizen.stats()", s => s.GetProperty("audioPacketsReceived").GetInt64() > 0, "the operator's voice on the phone");
        await UntilAsync(console, Stats(sessionId), s => s.GetProperty("talking").GetBoolean(), "the operator's microphone connected");
        await ConsoleFixture.ScreenshotAsync(console, "citizen-sos-video-active.png");

        await ConsoleFixture.ClosePatrolSentAsync(console, "PVL-03");
        await Expect(phone.GetByTestId("citizen-status")).ToHaveAttributeAsync("data-state", "ended");
        await console.GetByTestId("end-wrap-up").ClickAsync();

        // The phone's picture and voice are in the call's evidence, as a kiosk's are.
        var evidence = await Poll.UntilAsync(() => fixture.Client.GetEvidence(sessionId).GetAsync(), e => e.Status == EvidenceStatus.Kept, "the evidence kept", TimeSpan.FromSeconds(60));
        Assert.Contains(evidence.Files, f => f.Kind == "caller-video");
        Assert.Contains(evidence.Files, f => f.Kind == "caller-audio");
    }

    /// <summary>A dispatcher of the centre signed in on a new page and Available.</summary>
    private async Task<IPage> AvailableDispatcherAsync(string centre)
    {
        var dispatcher = await fixture.CreateDispatcherAsync(centre);
        var console = await fixture.NewPageAsync();
        await ConsoleFixture.SignInAsync(console, dispatcher);
        await console.GetByTestId("presence-available").ClickAsync();
        await Expect(console.GetByTestId("presence-status")).ToHaveTextAsync(new Regex("Available"));
        return console;
    }

    private static string Stats(Guid callId) => $"window.sosMedia.stats('{callId}')";

    private static async Task<JsonElement> Read(IPage page, string expression) =>
        (await page.EvaluateAsync<JsonElement>($"async () => await {expression}"));

    private static async Task<JsonElement> UntilAsync(IPage page, string expression, Func<JsonElement, bool> match, string what)
    {
        var deadline = DateTime.UtcNow + MediaTimeout;
        JsonElement seen;
        do
        {
            seen = await Read(page, expression);
            if (match(seen))
            {
                return seen;
            }

            await page.WaitForTimeoutAsync(200);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"waited {MediaTimeout.TotalSeconds:0} s for {what}; last seen: {seen}");
    }
}
