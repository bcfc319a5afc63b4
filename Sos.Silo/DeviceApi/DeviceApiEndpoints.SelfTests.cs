using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Sos.Grains.Abstractions;
using Sos.Grains.Kiosks;
using Sos.Grains.Media;

namespace Sos.Silo.DeviceApi;

/// <summary>
/// The device API's test calls (EN 81-28): Sos asks a kiosk for one in the answer to a heartbeat; the kiosk checks its
/// camera and audio, a kiosk with WebRTC media also echoes them through the media server, and it reports what it found.
/// </summary>
public static partial class DeviceApiEndpoints
{
    private static void MapSelfTests(RouteGroupBuilder kiosk)
    {
        kiosk.MapPost("/self-tests/{testId}", ReportSelfTestAsync)
            .WithName("ReportSelfTest")
            .WithSummary("Answer a test call: the kiosk's self-test report")
            .WithDescription(
                "Sos asks for a test call in a heartbeat's answer (200 with selfTest). Report camera and audio, and the media loopback " +
                "when the device ran one; Sos judges it and keeps the result (a failure opens a maintenance ticket). The same report again " +
                "gets the same answer; a test call that is not pending (it ended, was never asked, or a press interrupted it) is a 409 " +
                "test-not-pending.")
            .Accepts<SelfTestBody>("application/json")
            .Produces<SelfTestJudged>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        kiosk.MapPost("/self-tests/{testId}/loopback", StartLoopbackAsync)
            .WithName("StartSelfTestLoopback")
            .WithSummary("The media loopback of a test call: an SDP offer in, the media server's answer out")
            .WithDescription(
                "Send camera and microphone (sendrecv) and gather every ICE candidate first; the media server sends them straight back. " +
                "Measure the audio level and video frames that come back for a few seconds, then report them. Nothing is recorded and " +
                "nobody is rung. 503 media-unavailable when no media server answers: report the loopback's problem.")
            .Accepts<SdpBody>("application/json")
            .Produces<SdpBody>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }

    /// <summary>The heartbeat's answer: nothing (204), or the test call Sos asks for (200).</summary>
    private static IResult HeartbeatAnswered(KioskSnapshot kiosk, MediaOptions media) =>
        kiosk.Maintenance.PendingTest is { } test
            ? TypedResults.Ok(new HeartbeatAnswer(new SelfTestRequest(
                test.TestId,
                test.AnswerBy,
                $"{Prefix}/kiosks/{kiosk.KioskId}/self-tests/{test.TestId}/loopback",
                $"{Prefix}/kiosks/{kiosk.KioskId}/self-tests/{test.TestId}",
                IceServers(media))))
            : TypedResults.NoContent();

    private static async Task<IResult> ReportSelfTestAsync(string kioskId, string testId, HttpContext context, IGrainFactory grains, KioskAuthenticator authenticator, IOptions<DeviceApiOptions> options)
    {
        var timeout = options.Value.RequestTimeout;
        if ((RefuseTestId(testId, out var id) ?? await RefuseAsync(context, kioskId, authenticator, timeout)) is { } refused)
        {
            return refused;
        }

        var (body, problem) = await DeviceApiBody.ReadAsync<SelfTestBody>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        if (SelfTestOf(body!, out var problems) is not { } report)
        {
            return DeviceApiProblems.BadRequest("self-test-invalid", $"The report needs {string.Join(", ", problems)}.");
        }

        var result = await grains.GetKiosk(kioskId).ReportTestAsync(id, report).WaitAsync(timeout, context.RequestAborted);
        return TypedResults.Ok(new SelfTestJudged(result.Outcome == KioskTestOutcome.Passed ? "passed" : "failed", result.Detail));
    }

    private static async Task<IResult> StartLoopbackAsync(string kioskId, string testId, HttpContext context, IGrainFactory grains, KioskAuthenticator authenticator, IOptions<DeviceApiOptions> options)
    {
        var timeout = options.Value.RequestTimeout;
        if ((RefuseTestId(testId, out var id) ?? await RefuseAsync(context, kioskId, authenticator, timeout)) is { } refused)
        {
            return refused;
        }

        var (sdp, problem) = await ReadSdpAsync(context);
        if (problem is not null)
        {
            return problem;
        }

        var answer = await grains.GetKiosk(kioskId).StartTestLoopbackAsync(id, sdp!).WaitAsync(timeout, context.RequestAborted);
        return TypedResults.Ok(new SdpBody(answer));
    }

    private static IResult? RefuseTestId(string testId, out Guid id) =>
        Guid.TryParse(testId, out id) && id != Guid.Empty
            ? null
            : DeviceApiProblems.BadRequest("test-id-invalid", "A test id is the UUID a heartbeat's answer asked for (selfTest.testId).");

    private static KioskSelfTest? SelfTestOf(SelfTestBody body, out List<string> problems)
    {
        problems = [];
        var camera = OkOrFault(body.Camera, "\"camera\": \"ok\" or \"fault\"", problems);
        var audio = OkOrFault(body.Audio, "\"audio\": \"ok\" or \"fault\"", problems);
        if (body.Detail is { } detail && (detail.Length > KioskGrain.MaxWords || detail.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t')))
        {
            problems.Add($"\"detail\" of at most {KioskGrain.MaxWords} printable characters");
        }

        MediaLoopbackCheck? loopback = null;
        if (body.Loopback is { } loop)
        {
            if (loop.Problem is { } trouble && (trouble.Length is 0 or > 500 || trouble.Any(char.IsControl)))
            {
                problems.Add("\"loopback.problem\" of 1–500 printable characters");
            }

            if (loop.Problem is null && (loop.AudioLevel is not (>= 0 and <= 1) || loop.VideoFrames is not >= 0))
            {
                problems.Add("\"loopback.audioLevel\" from 0 to 1 and \"loopback.videoFrames\" of 0 or more (or \"loopback.problem\")");
            }

            if (loop.RoundTripMs is < 0 or > 600_000)
            {
                problems.Add("\"loopback.roundTripMs\" from 0 to 600000");
            }

            loopback = new MediaLoopbackCheck(loop.AudioLevel ?? 0, loop.VideoFrames ?? 0, loop.RoundTripMs, loop.Problem);
        }

        return problems.Count == 0 ? new KioskSelfTest(camera!.Value, audio!.Value, loopback, body.Detail) : null;
    }
}
