using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sos.Grains.Abstractions;
using Sos.Silo.CitizenApp;
using Sos.Silo.DeviceApi;

namespace Sos.Silo.CitizenApi;

/// <summary>
/// The citizen API's phone verification: the app asks for a code for the citizen's number, Sos sends it by SMS
/// (<see cref="ISmsGateway"/>), the citizen types it in, and the device's number is then verified: its SOS calls and
/// reports from that number are marked so for the dispatcher. A device that never verifies still calls and reports
/// exactly as before.
/// </summary>
public static partial class CitizenApiEndpoints
{
    private const int MaxVerificationBytes = 4 * 1024;

    private static void MapPhoneVerification(RouteGroupBuilder api)
    {
        var device = api.MapGroup("/devices/{deviceId}/phone-verification");
        device.MapPost(string.Empty, StartVerificationAsync)
            .WithName("StartPhoneVerification")
            .WithSummary("Send a code by SMS to prove the citizen's phone number")
            .WithDescription(
                "Answered 202 once the code is handed to the SMS gateway; it is valid for 10 minutes, and another may be asked for " +
                "after a minute (sooner is a 429 verification-too-soon with Retry-After). A new code replaces the one before.")
            .Accepts<PhoneVerificationBody>("application/json")
            .Produces<PhoneVerificationView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        device.MapPost("/confirm", ConfirmVerificationAsync)
            .WithName("ConfirmPhoneVerification")
            .WithSummary("Confirm the code the SMS brought: the device's number is then verified")
            .WithDescription(
                "A wrong code is a 400 code-wrong with the attempts left; after 5 wrong ones, or 10 minutes, the code is void " +
                "(410 verification-expired): ask for a new one. No code asked for: 404 verification-none.")
            .Accepts<PhoneCodeBody>("application/json")
            .Produces<PhoneVerifiedView>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status410Gone);
    }

    private static async Task<IResult> StartVerificationAsync(
        string deviceId, HttpContext context, IGrainFactory grains, ISmsGateway sms, IOptions<DeviceApiOptions> options, ILoggerFactory loggers)
    {
        if (!CitizenIds.IsValidDevice(deviceId))
        {
            return InvalidDevice();
        }

        var (body, problem) = await DeviceApiBody.ReadAsync<PhoneVerificationBody>(context.Request, MaxVerificationBytes);
        if (problem is not null)
        {
            return problem;
        }

        var timeout = options.Value.RequestTimeout;
        var code = await grains.GetCitizenDevice(deviceId).StartPhoneVerificationAsync(body!.Phone ?? string.Empty).WaitAsync(timeout, context.RequestAborted);
        var language = Languages.IsSupported(body.Language) ? body.Language! : Languages.Russian;
        try
        {
            await sms.SendAsync(code.Phone, string.Format(System.Globalization.CultureInfo.InvariantCulture, CitizenAppPage.Word("App.SmsCode", language), code.Code), context.RequestAborted).WaitAsync(timeout, context.RequestAborted);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            loggers.CreateLogger(typeof(CitizenApiEndpoints)).LogWarning(failure, "The SMS gateway did not take the verification code for device {DeviceId}", deviceId);
            context.Response.Headers.RetryAfter = ((int)PhoneVerification.ResendAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return DeviceApiProblems.Problem(StatusCodes.Status503ServiceUnavailable, "sms-unavailable", "The SMS could not be sent now; ask for a code again after Retry-After. SOS and reports work without it.");
        }

        return TypedResults.Accepted($"{Prefix}/devices/{deviceId}/phone-verification", new PhoneVerificationView(code.Phone, code.ExpiresAt, code.ResendAfter));
    }

    private static IResult InvalidDevice() =>
        DeviceApiProblems.BadRequest("device-id-invalid", "A device id is 8–128 letters, digits, '-', '_', '.' or ':'.");

    private static async Task<IResult> ConfirmVerificationAsync(string deviceId, HttpContext context, IGrainFactory grains, IOptions<DeviceApiOptions> options)
    {
        if (!CitizenIds.IsValidDevice(deviceId))
        {
            return InvalidDevice();
        }

        var (body, problem) = await DeviceApiBody.ReadAsync<PhoneCodeBody>(context.Request, MaxVerificationBytes);
        if (problem is not null)
        {
            return problem;
        }

        var verified = await grains.GetCitizenDevice(deviceId).ConfirmPhoneAsync(body!.Code ?? string.Empty).WaitAsync(options.Value.RequestTimeout, context.RequestAborted);
        return TypedResults.Ok(new PhoneVerifiedView(verified.VerifiedPhone!, true));
    }
}
