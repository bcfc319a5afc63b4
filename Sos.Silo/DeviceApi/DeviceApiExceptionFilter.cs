using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sos.Grains.Abstractions;

namespace Sos.Silo.DeviceApi;

/// <summary>
/// Turns whatever a device API handler throws into its problem: refusals of the domain into 4xx, everything else
/// (storage, cluster, timeouts) into 503 with <c>Retry-After</c>. A press is acknowledged only when its grain call
/// returned, so a 503 always means "not acknowledged: retry with the same press id".
/// </summary>
public sealed class DeviceApiExceptionFilter(IOptions<DeviceApiOptions> options, ILogger<DeviceApiExceptionFilter> logger) : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (UnknownKioskException)
        {
            // As the authenticator answers it: which kiosk ids exist is never told.
            var kioskId = context.HttpContext.Request.RouteValues["kioskId"] as string;
            return DeviceApiProblems.Unauthorized(context.HttpContext, "secret-wrong", $"This is not the secret of kiosk '{kioskId}'.");
        }
        catch (UnknownCallException exception)
        {
            return DeviceApiProblems.Problem(StatusCodes.Status404NotFound, "unknown-call", exception.Message);
        }
        catch (Exception exception) when (exception is InvalidCallTransitionException or InvalidKioskTransitionException)
        {
            return DeviceApiProblems.Problem(StatusCodes.Status409Conflict, "conflict", exception.Message);
        }
        catch (MediaRefusedException exception)
        {
            return DeviceApiProblems.Problem(exception.Reason switch
            {
                "sdp-invalid" => StatusCodes.Status400BadRequest,
                "leg-unknown" => StatusCodes.Status404NotFound,
                "not-on-call" => StatusCodes.Status403Forbidden,
                _ => StatusCodes.Status409Conflict,
            }, exception.Reason ?? "media-refused", exception.Message);
        }
        catch (MediaUnavailableException exception)
        {
            context.HttpContext.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return DeviceApiProblems.Problem(StatusCodes.Status503ServiceUnavailable, "media-unavailable", $"{exception.Message} The call itself goes on.");
        }
        catch (SosDomainException exception) when (exception.Reason is "test-not-pending" or "client-request-reused")
        {
            return DeviceApiProblems.Problem(StatusCodes.Status409Conflict, exception.Reason, exception.Message);
        }
        catch (SosDomainException exception) when (exception.Reason is "session-unknown")
        {
            return DeviceApiProblems.Problem(StatusCodes.Status404NotFound, exception.Reason, exception.Message);
        }
        catch (SosDomainException exception) when (exception.Reason is "session-ended")
        {
            return DeviceApiProblems.Problem(StatusCodes.Status409Conflict, exception.Reason, exception.Message);
        }
        catch (SosDomainException exception) when (exception.Reason is "report-invalid" or "sos-invalid" or "location-invalid" or "message-invalid" or "phone-invalid" or "code-wrong" or "attachment-invalid")
        {
            return DeviceApiProblems.BadRequest(exception.Reason, exception.Message);
        }
        catch (SosDomainException exception) when (exception.Reason is "device-blocked")
        {
            return DeviceApiProblems.Problem(StatusCodes.Status403Forbidden, exception.Reason, exception.Message);
        }
        catch (SosDomainException exception) when (exception.Reason is "too-many-reports")
        {
            context.HttpContext.Response.Headers.RetryAfter = exception.Arguments.FirstOrDefault() ?? "3600";
            return DeviceApiProblems.Problem(StatusCodes.Status429TooManyRequests, exception.Reason, exception.Message);
        }
        catch (SosDomainException exception) when (exception.Reason is "verification-too-soon")
        {
            context.HttpContext.Response.Headers.RetryAfter = exception.Arguments.FirstOrDefault() ?? "60";
            return DeviceApiProblems.Problem(StatusCodes.Status429TooManyRequests, exception.Reason, exception.Message);
        }
        catch (SosDomainException exception) when (exception.Reason is "verification-expired")
        {
            return DeviceApiProblems.Problem(StatusCodes.Status410Gone, exception.Reason, exception.Message);
        }
        catch (SosDomainException exception) when (exception.Reason is "attachment-unknown" or "verification-none")
        {
            return DeviceApiProblems.Problem(StatusCodes.Status404NotFound, exception.Reason, exception.Message);
        }
        catch (SosDomainException exception)
        {
            return DeviceApiProblems.BadRequest("refused", exception.Message);
        }
        catch (Exception exception)
        {
            var http = context.HttpContext;
            if (http.RequestAborted.IsCancellationRequested)
            {
                logger.LogInformation("Device API request {Method} {Path} abandoned by the client", http.Request.Method, http.Request.Path);
            }
            else
            {
                logger.LogWarning(exception, "Device API request {Method} {Path} could not be served; answered 503", http.Request.Method, http.Request.Path);
            }

            return DeviceApiProblems.Unavailable(http, options.Value.RetryAfterSeconds, "Sos cannot take this request now; nothing was acknowledged. Retry after the Retry-After delay (a press with the same press id).");
        }
    }
}
