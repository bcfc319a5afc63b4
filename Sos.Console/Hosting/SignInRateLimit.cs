using System.Threading.RateLimiting;

namespace Sos.Console.Hosting;

/// <summary>
/// ASP.NET Core's rate limiter on <c>POST /account/login</c>: at most <see cref="ConsoleOptions.SignInAttemptsPerMinute"/>
/// attempts a minute from one address (a fixed window; the limiter drops idle addresses, so its memory stays bounded).
/// Beyond it the attempt is not tried at all and the sign-in page says to wait. The per-login slow-down of
/// <see cref="SignInThrottle"/> comes on top.
/// </summary>
public static class SignInRateLimit
{
    /// <summary>The rate limiting policy of the sign-in endpoint.</summary>
    public const string Policy = "sign-in";

    /// <summary>Adds the limiter.</summary>
    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetSection(ConsoleOptions.Section).Get<ConsoleOptions>()?.SignInAttemptsPerMinute ?? new ConsoleOptions().SignInAttemptsPerMinute;
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Policy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, perMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limiter.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
                context.HttpContext.Response.Headers.Location = "/login?failed=2";
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }
}
