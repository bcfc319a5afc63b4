using System.ComponentModel;

namespace Sos.Silo.DeviceApi;

/// <summary>The body of <c>POST /api/v1/kiosks/{kioskId}/self-tests/{testId}</c>: the kiosk's answer to a test call.</summary>
/// <param name="Camera"><c>ok</c> or <c>fault</c>: the camera gave a picture.</param>
/// <param name="Audio"><c>ok</c> or <c>fault</c>: the microphone (and speaker, where the device can tell) work.</param>
/// <param name="Loopback">What came back through the media server; leave it out when the device has no media path to Sos.</param>
/// <param name="Detail">The device's own words (optional, at most 1000 characters).</param>
public sealed record SelfTestBody(
    [property: Description("ok or fault: the camera gave a picture.")] string? Camera,
    [property: Description("ok or fault: the microphone (and speaker, where the device can tell) work.")] string? Audio,
    [property: Description("What came back through the media server's loopback; leave it out when the device has no media path to Sos.")] LoopbackBody? Loopback,
    [property: Description("The device's own words; optional, at most 1000 printable characters.")] string? Detail);

/// <summary>What a kiosk measured of its media loopback.</summary>
/// <param name="AudioLevel">The loudest level of the audio that came back, 0–1 (WebRTC's audioLevel).</param>
/// <param name="VideoFrames">Video frames that came back.</param>
/// <param name="RoundTripMs">The round trip to the media server in milliseconds, if measured.</param>
/// <param name="Problem">What went wrong, when the loopback never connected (at most 500 characters).</param>
public sealed record LoopbackBody(
    [property: Description("The loudest level of the audio that came back, 0 to 1 (WebRTC's audioLevel).")] double? AudioLevel,
    [property: Description("Video frames that came back.")] long? VideoFrames,
    [property: Description("The round trip to the media server in milliseconds, if measured.")] int? RoundTripMs,
    [property: Description("What went wrong, when the loopback never connected; at most 500 characters.")] string? Problem);

/// <summary>What Sos answers a kiosk's test call report.</summary>
/// <param name="Outcome">passed or failed.</param>
/// <param name="Detail">Why, in a sentence.</param>
public sealed record SelfTestJudged(
    [property: Description("passed or failed.")] string Outcome,
    [property: Description("Why, in a sentence.")] string Detail);

/// <summary>The answer to a heartbeat when Sos asks the kiosk for a test call.</summary>
/// <param name="SelfTest">The test call asked: run the self-test and report it under its id.</param>
public sealed record HeartbeatAnswer(
    [property: Description("The test call Sos asks for: run the self-test, then report it under its testId.")] SelfTestRequest SelfTest);

/// <summary>A test call Sos asks of a kiosk.</summary>
/// <param name="TestId">Report the result under this id.</param>
/// <param name="AnswerBy">Report by then, or the test fails as not answered.</param>
/// <param name="Loopback">Where to send the media loopback's SDP offer (for a kiosk with a camera and microphone on WebRTC).</param>
/// <param name="Report">Where to post the result.</param>
/// <param name="IceServers">The ICE servers for the loopback.</param>
public sealed record SelfTestRequest(
    [property: Description("Report the result under this id.")] Guid TestId,
    [property: Description("Report by then, or the test fails as not answered.")] DateTimeOffset AnswerBy,
    [property: Description("Where to post the media loopback's SDP offer (a kiosk with WebRTC media).")] string Loopback,
    [property: Description("Where to post the result.")] string Report,
    [property: Description("The ICE servers for the loopback.")] IReadOnlyList<IceServerView> IceServers);
