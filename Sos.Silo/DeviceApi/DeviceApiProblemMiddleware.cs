using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sos.Silo.DeviceApi;

/// <summary>
/// Outermost middleware for <c>/api/v1</c>: answers the framework's own errors there (no such endpoint 404, wrong
/// method 405, anything thrown outside a handler) as problem details too, so a device never sees an empty error or a
/// 500. Added to every host by <see cref="DeviceApiEndpoints.AddSosDeviceApi"/> through a startup filter.
/// </summary>
public sealed class DeviceApiProblemMiddleware(RequestDelegate next, IOptions<DeviceApiOptions> options, ILogger<DeviceApiProblemMiddleware> logger)
{
    /// <summary>Handles one request.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(DeviceApiEndpoints.Prefix, StringComparison.OrdinalIgnoreCase)
            && !context.Request.Path.StartsWithSegments(CitizenApi.CitizenApiEndpoints.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        try
        {
            await next(context);
        }
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            logger.LogWarning(exception, "Device API request {Method} {Path} failed outside its handler; answered 503", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            await DeviceApiProblems.Unavailable(context, options.Value.RetryAfterSeconds, "Sos cannot take this request now; nothing was acknowledged. Retry after the Retry-After delay.").ExecuteAsync(context);
            return;
        }

        var response = context.Response;
        if (!response.HasStarted && response.StatusCode >= 400 && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
        {
            var status = response.StatusCode >= 500 ? StatusCodes.Status503ServiceUnavailable : response.StatusCode;
            var detail = status switch
            {
                StatusCodes.Status404NotFound => "There is no device API endpoint at this path.",
                StatusCodes.Status405MethodNotAllowed => "This endpoint does not take this HTTP method.",
                _ => "The request was refused.",
            };
            var problem = status == StatusCodes.Status503ServiceUnavailable
                ? DeviceApiProblems.Unavailable(context, options.Value.RetryAfterSeconds, "Sos cannot take this request now. Retry after the Retry-After delay.")
                : DeviceApiProblems.Problem(status, DeviceApiProblems.ReasonFor(status), detail);
            await problem.ExecuteAsync(context);
        }
    }

    /// <summary>Puts the middleware in front of the host's whole pipeline.</summary>
    internal sealed class StartupFilter : IStartupFilter
    {
        /// <inheritdoc />
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseMiddleware<DeviceApiProblemMiddleware>();
            next(app);
        };
    }
}
