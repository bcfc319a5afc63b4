using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Sos.Silo.DeviceApi;

/// <summary>
/// ASP.NET Core's rate limiter on a kiosk's heartbeats and cancels: a token bucket per kiosk and calling address
/// (<see cref="DeviceApiOptions.RequestBurst"/> at once, <see cref="DeviceApiOptions.RequestsPerSecond"/> after), so a
/// flood from one place costs little and nobody elsewhere can use up a real kiosk's allowance. Beyond it: 429
/// problem+json <c>too-many-requests</c> with <c>Retry-After</c>. Presses have an allowance of their own
/// (<see cref="JoinedPresses"/>) that refuses only presses joining a call already open: an emergency is never
/// throttled away.
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
            $"More than {options.Value.RequestBurst} requests at once, or {options.Value.RequestsPerSecond} a second, from this kiosk here; retry after the Retry-After delay. A press that would open a call is never limited.")
            .ExecuteAsync(context.HttpContext));
    };

    /// <inheritdoc />
    public RateLimitPartition<string> GetPartition(HttpContext httpContext) => Bucket(options.Value, KeyOf(httpContext));

    /// <summary>The kiosk (or patrol unit) and the address a request comes from: each pair has its own allowance.</summary>
    public static string KeyOf(HttpContext httpContext) =>
        $"{httpContext.Request.RouteValues["kioskId"] as string ?? "unit:" + httpContext.Request.RouteValues["unitId"] as string}|{httpContext.Connection.RemoteIpAddress}";

    private static RateLimitPartition<string> Bucket(DeviceApiOptions limits, string key) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, limits.RequestBurst),
            TokensPerPeriod = Math.Max(1, limits.RequestsPerSecond),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    /// <summary>
    /// The allowance of presses that join a call already open, per kiosk and address, with the same limits: a press
    /// beyond it is refused only once Sos knows the kiosk has an open call, so a press that would open a call is never
    /// refused. Idle allowances are dropped by the limiter, so its memory stays bounded.
    /// </summary>
    public sealed class JoinedPresses(IOptions<DeviceApiOptions> options) : IDisposable
    {
        private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(key => Bucket(options.Value, key));

        /// <summary>Takes one press from the allowance of <paramref name="key"/>; false when it is spent.</summary>
        public bool TryTake(string key)
        {
            using var lease = limiter.AttemptAcquire(key);
            return lease.IsAcquired;
        }

        /// <inheritdoc />
        public void Dispose() => limiter.Dispose();
    }
}
