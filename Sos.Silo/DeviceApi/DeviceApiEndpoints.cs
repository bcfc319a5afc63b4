using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Sos.Grains.Abstractions;
using Sos.Grains.Media;
using Sos.Silo.CitizenApi;
using Sos.Silo.Demo;
using Sos.Silo.Kiosk;

namespace Sos.Silo.DeviceApi;

/// <summary>
/// Device API v1: what kiosks (or the gateway boxes in front of them) call. Every host that serves it calls
/// <see cref="AddSosDeviceApi"/> on its services and <see cref="MapSosDeviceApi"/> on its endpoints: the silo, and the
/// console in Embedded mode. The OpenAPI document is served at <c>/openapi/v1.json</c>.
/// </summary>
public static partial class DeviceApiEndpoints
{
    /// <summary>The path every device API endpoint starts with.</summary>
    public const string Prefix = "/api/v1";

    /// <summary>The OpenAPI document's name (<c>/openapi/v1.json</c>).</summary>
    public const string DocumentName = "v1";

    private const string SecurityScheme = "kioskSecret";

    /// <summary>
    /// The device API's services: the kiosk authenticator, options from <c>Sos:DeviceApi</c> and <c>Sos:Demo</c>, the
    /// problem-details middleware for <c>/api/v1</c>, and the OpenAPI document.
    /// </summary>
    public static IServiceCollection AddSosDeviceApi(this IServiceCollection services)
    {
        services.AddOptions<DeviceApiOptions>().BindConfiguration(DeviceApiOptions.Section);
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        services.TryAddSingleton<KioskAuthenticator>();
        services.TryAddSingleton<DeviceRateLimit.JoinedPresses>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, DeviceApiProblemMiddleware.StartupFilter>());
        services.AddProblemDetails();
        services.AddRateLimiter(limiter => limiter.AddPolicy<string, DeviceRateLimit>(DeviceRateLimit.Policy));
        services.AddSosCitizenApi();
        services.AddOpenApi(DocumentName, options =>
        {
            DeviceApiOpenApi.Describe(options);
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Sos device API",
                    Version = "v1",
                    Description =
                        "What SOS kiosks (call points) and the gateways in front of them call: report a press, follow its call, " +
                        "cancel it, send heartbeats. Every request carries the kiosk's own secret as 'Authorization: Bearer <secret>'. " +
                        "Every error is application/problem+json with a machine-readable 'reason'. A press is acknowledged (202) only " +
                        "once it is durable; on 503 retry with the same pressId after Retry-After seconds: the same pressId always " +
                        "gets the same call. Send a heartbeat every interval (5 s unless the kiosk was registered with another); a " +
                        "kiosk silent for 3 intervals is shown offline. Bodies are at most 16 KiB.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[SecurityScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "The kiosk's secret, issued by an administrator (shown once, rotatable).",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecurityScheme, document)] = [] }];
                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>Maps the device API under <c>/api/v1</c> and its OpenAPI document at <c>/openapi/v1.json</c>.</summary>
    public static IEndpointRouteBuilder MapSosDeviceApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();

        var kiosk = endpoints.MapGroup(Prefix + "/kiosks/{kioskId}")
            .WithTags("Kiosk")
            .WithGroupName(DocumentName)
            .AllowAnonymous() // kiosks authenticate with their own secrets (KioskAuthenticator), not the host's sign-in
            .AddEndpointFilter<DeviceApiExceptionFilter>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        kiosk.MapPost("/presses", PressAsync)
            .WithName("Press")
            .WithSummary("Report a press of the kiosk's button")
            .WithDescription(
                "Opens a call, or joins the kiosk's open call (raising its priority). A press that opens a call is answered 202 only once " +
                "the call is durable; one that joins the open call once it is counted (its count is written within a second). " +
                "The same pressId again returns the same callId, whatever happened in between: retry with it after a timeout or a 503. " +
                "A press that would open a call is never refused for the kiosk's state or rate; presses joining the open call beyond the " +
                "kiosk's allowance are answered 429 too-many-presses. A stuck button raises a kiosk alert and stays one call.")
            .Accepts<PressBody>("application/json")
            .Produces<PressAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        kiosk.MapGet("/calls/{callId}", GetCallAsync)
            .WithName("GetCall")
            .WithSummary("Follow a call of the kiosk")
            .WithDescription("The call's status, and whether an operator is connected (light the \"call received\" lamp while operatorConnected is true).")
            .Produces<KioskCallView>(StatusCodes.Status200OK);

        kiosk.MapPost("/calls/{callId}/cancel", CancelAsync)
            .WithName("Cancel")
            .WithSummary("The person hung up")
            .WithDescription(
                "Before an answer the call is abandoned and kept for a call back; after an answer the hang-up is recorded and the " +
                "operator closes the call. Repeating a cancel changes nothing. No body.")
            .Produces<CancelAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(DeviceRateLimit.Policy);

        kiosk.MapPost("/heartbeats", HeartbeatAsync)
            .WithName("Heartbeat")
            .WithSummary("Report in, with the kiosk's health")
            .WithDescription(
                "Marks the kiosk online. A camera or audio fault, an open tamper switch or running on battery raises a kiosk alert on " +
                "the console; a later heartbeat without it clears the alert. The answer is 204, or 200 with selfTest when Sos asks the " +
                "kiosk for a test call (EN 81-28, every 3 days unless the kiosk has its own interval): run it and report it under its testId.")
            .Accepts<HeartbeatBody>("application/json")
            .Produces(StatusCodes.Status204NoContent)
            .Produces<HeartbeatAnswer>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(DeviceRateLimit.Policy);

        MapMedia(kiosk);
        MapSelfTests(kiosk);
        Stations.SipServerEndpoints.Map(endpoints);
        MapUnits(endpoints);
        endpoints.MapSosCitizenApi();
        KioskPage.Map(endpoints);
        CitizenApp.CitizenAppPage.Map(endpoints);
        return endpoints;
    }

    private static async Task<IResult> PressAsync(string kioskId, HttpContext context, IGrainFactory grains, KioskAuthenticator authenticator, IOptions<DeviceApiOptions> options, DeviceRateLimit.JoinedPresses joinedPresses)
    {
        var timeout = options.Value.RequestTimeout;
        if (await RefuseAsync(context, kioskId, authenticator, timeout) is { } refused)
        {
            return refused;
        }

        var (body, problem) = await DeviceApiBody.ReadAsync<PressBody>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(body!.PressId))
        {
            return DeviceApiProblems.BadRequest("press-id-missing", "The body needs \"pressId\": a UUID the device makes for the press.");
        }

        if (!Guid.TryParse(body.PressId, out var pressId) || pressId == Guid.Empty)
        {
            return DeviceApiProblems.BadRequest("press-id-invalid", "\"pressId\" must be a UUID (not all zeros), such as 0f8fad5b-d9cb-469f-a165-70867728950e.");
        }

        DateTimeOffset pressedAt;
        if (body.PressedAt is null)
        {
            pressedAt = DateTimeOffset.UtcNow;
        }
        else if (!TryParseRfc3339(body.PressedAt, out pressedAt))
        {
            return DeviceApiProblems.BadRequest("pressed-at-invalid", "\"pressedAt\" must be an RFC 3339 time with an offset, such as 2026-11-26T08:00:00Z.");
        }

        // Beyond the allowance, a press is refused only if the kiosk's call is open (it rings or is answered already):
        // a press that would open a call always goes through.
        if (!joinedPresses.TryTake(DeviceRateLimit.KeyOf(context))
            && (await grains.GetKiosk(kioskId).GetAsync().WaitAsync(timeout, context.RequestAborted)).OpenCallId is { } open
            && (await grains.GetCall(open).GetAsync().WaitAsync(timeout, context.RequestAborted)).IsOpen)
        {
            context.Response.Headers.RetryAfter = "1";
            return DeviceApiProblems.Problem(
                StatusCodes.Status429TooManyRequests,
                "too-many-presses",
                $"This kiosk's call {open} is open: it rings or is answered, and the presses already sent joined it. More than {options.Value.RequestBurst} presses at once, or {options.Value.RequestsPerSecond} a second, are not taken; a press after the call ends always is.");
        }

        var receipt = await grains.GetKiosk(kioskId).PressAsync(new PressRequest(pressId, pressedAt)).WaitAsync(timeout, context.RequestAborted);
        return TypedResults.Accepted($"{Prefix}/kiosks/{kioskId}/calls/{receipt.CallId}", new PressAccepted(receipt.CallId, receipt.Status, receipt.Joined));
    }

    private static async Task<IResult> GetCallAsync(string kioskId, string callId, HttpContext context, IGrainFactory grains, KioskAuthenticator authenticator, IOptions<DeviceApiOptions> options)
    {
        var timeout = options.Value.RequestTimeout;
        if ((RefuseCallId(callId, out var id) ?? await RefuseAsync(context, kioskId, authenticator, timeout)) is { } refused)
        {
            return refused;
        }

        var call = await grains.GetCall(id).GetAsync().WaitAsync(timeout, context.RequestAborted);
        if (!call.Exists || call.KioskId != kioskId)
        {
            throw new UnknownCallException(id, $"is not a call of kiosk '{kioskId}'");
        }

        return TypedResults.Ok(KioskCallView.Of(call));
    }

    private static async Task<IResult> CancelAsync(string kioskId, string callId, HttpContext context, IGrainFactory grains, KioskAuthenticator authenticator, IOptions<DeviceApiOptions> options)
    {
        var timeout = options.Value.RequestTimeout;
        if ((RefuseCallId(callId, out var id) ?? await RefuseAsync(context, kioskId, authenticator, timeout)) is { } refused)
        {
            return refused;
        }

        if (context.Request.ContentLength > DeviceApiOptions.MaxBodyBytes)
        {
            return DeviceApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "body-too-large", $"The body may be at most {DeviceApiOptions.MaxBodyBytes} bytes (a cancel takes none).");
        }

        var status = await grains.GetKiosk(kioskId).CancelAsync(id).WaitAsync(timeout, context.RequestAborted);
        return TypedResults.Accepted($"{Prefix}/kiosks/{kioskId}/calls/{id}", new CancelAccepted(id, status));
    }

    private static async Task<IResult> HeartbeatAsync(string kioskId, HttpContext context, IGrainFactory grains, KioskAuthenticator authenticator, IOptions<DeviceApiOptions> options, IOptions<MediaOptions> media)
    {
        var timeout = options.Value.RequestTimeout;
        if (await RefuseAsync(context, kioskId, authenticator, timeout) is { } refused)
        {
            return refused;
        }

        var (body, problem) = await DeviceApiBody.ReadAsync<HeartbeatBody>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        if (HealthOf(body!, out var problems) is not { } health)
        {
            return DeviceApiProblems.BadRequest("heartbeat-invalid", $"The heartbeat needs {string.Join(", ", problems)}.");
        }

        var kiosk = await grains.GetKiosk(kioskId).HeartbeatAsync(health).WaitAsync(timeout, context.RequestAborted);
        return HeartbeatAnswered(kiosk, media.Value);
    }

    /// <summary>A problem for a malformed kiosk id or a request without the kiosk's secret; null when it may go on.</summary>
    private static async Task<IResult?> RefuseAsync(HttpContext context, string kioskId, KioskAuthenticator authenticator, TimeSpan timeout) =>
        KioskIds.IsValid(kioskId)
            ? await authenticator.AuthenticateAsync(context, kioskId, timeout)
            : DeviceApiProblems.BadRequest("kiosk-id-invalid", $"A kiosk id is 1–{KioskIds.MaxLength} lower-case letters, digits, '-' or '_', such as pvl-embankment-01.");

    private static IResult? RefuseCallId(string callId, out Guid id) =>
        Guid.TryParse(callId, out id) && id != Guid.Empty
            ? null
            : DeviceApiProblems.BadRequest("call-id-invalid", "A call id is the UUID a press answered with.");

    private static KioskHealth? HealthOf(HeartbeatBody body, out List<string> problems)
    {
        problems = [];
        var camera = OkOrFault(body.Camera, "\"camera\": \"ok\" or \"fault\"", problems);
        var audio = OkOrFault(body.Audio, "\"audio\": \"ok\" or \"fault\"", problems);
        if (body.Tamper is null)
        {
            problems.Add("\"tamper\": true or false");
        }

        PowerSource? power = body.Power?.ToLowerInvariant() switch
        {
            "mains" => PowerSource.Mains,
            "battery" => PowerSource.Battery,
            _ => null,
        };
        if (power is null)
        {
            problems.Add("\"power\": \"mains\" or \"battery\"");
        }

        if (body.Firmware is { } firmware && (firmware.Length > 100 || firmware.Any(char.IsControl)))
        {
            problems.Add("\"firmware\" of at most 100 printable characters");
        }

        return problems.Count == 0 ? new KioskHealth(camera!.Value, audio!.Value, body.Tamper!.Value, power!.Value, body.Firmware) : null;
    }

    private static bool? OkOrFault(string? value, string expected, List<string> problems)
    {
        switch (value?.ToLowerInvariant())
        {
            case "ok":
                return true;
            case "fault":
                return false;
            default:
                problems.Add(expected);
                return null;
        }
    }

    private static bool TryParseRfc3339(string value, out DateTimeOffset at)
    {
        at = default;
        return Rfc3339().IsMatch(value) &&
            DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out at);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
