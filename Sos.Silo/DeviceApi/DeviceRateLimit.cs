using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Sos.Silo.DeviceApi;

/// <summary>
/// ASP.NET Core's rate limiter on a kiosk's heartbeats and cancels: a token bucket per kiosk and calling address
/// (<see cref="DeviceApiOptions.RequestBurst"/> at once, <see cref="DeviceApiOptions.RequestsPerSecond"/> after), so a
/// flood from one place costs little and nobody elsewhere can use up a real kiosk's allowance. Presses are never
/// limited: an emergency is never throttled away. Beyond it: 429 problem+json <c>too-many-requests</c> with
/// <c>Retry-After</c>.
/// </summary>
public sealed class DeviceRateLimit(IOptions<DeviceApiOptions> options) : IRateLimiterPolicy<string>
{
    /// <summary>The policy's name.</summary>
    public const string Policy = "device";

    /// <inheritdoc />
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => (context, _) =>
    {
        context.HttpContext.Response.Headers.RetryAfter = "1";
        return new ValueTask(DeviceApiProblems.Problem(
            StatusCodes.Status429TooManyRequests,
            "too-many-requests",
            $"More than {options.Value.RequestBurst} requests at once, or {options.Value.RequestsPerSecond} a second, from this kiosk here; retry after the Retry-After delay. Presses are never limited.")
            .ExecuteAsync(context.HttpContext));
    };

    /// <inheritdoc />
    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var kioskId = httpContext.Request.RouteValues["kioskId"] as string ?? string.Empty;
        var key = $"{kioskId}|{httpContext.Connection.RemoteIpAddress}";
        var limits = options.Value;
        return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, limits.RequestBurst),
            TokensPerPeriod = Math.Max(1, limits.RequestsPerSecond),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
