using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;
using Sos.Console.Services;
using Sos.Grains.Abstractions;

namespace Sos.Console.Hosting;

/// <summary>
/// An open console checks its user against the account every <see cref="ConsoleOptions.RevalidationInterval"/>: a
/// user whose account was disabled or removed, or whose roles or centre changed, loses the circuit's sign-in (the
/// page goes to the sign-in page, where the cookie is refused too), instead of working on with what they had; so does a
/// sign-in older than <see cref="ConsoleOptions.SessionLifetime"/>, however active.
/// </summary>
public sealed class AccountRevalidation(ILoggerFactory loggers, AccountService accounts, IOptions<ConsoleOptions> options, TimeProvider clock)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    /// <inheritdoc />
    protected override TimeSpan RevalidationInterval => options.Value.RevalidationInterval;

    /// <inheritdoc />
    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        if (ConsoleUser.From(authenticationState.User) is not { } user)
        {
            return true;
        }

        try
        {
            return StillHolds(user, await accounts.GetAsync(user.Login), clock.GetUtcNow(), options.Value.SessionLifetime);
        }
        catch (Exception failure) when (failure is TimeoutException or OrleansException)
        {
            // The cluster does not answer now: keep the console open (calls may be ringing); check again next time.
            return true;
        }
    }

    /// <summary>
    /// Whether the sign-in still holds: within one shift (<paramref name="lifetime"/> since it was made) and the
    /// account still what the user signed in as, enabled, with the same roles and centre, and no password set since
    /// (the sign-in time is kept in whole seconds, so a password set in the very second of the sign-in counts as before it).
    /// </summary>
    public static bool StillHolds(ConsoleUser user, AccountSnapshot account, DateTimeOffset now, TimeSpan lifetime) =>
        user.SignedInAt is { } signedIn && now - signedIn <= lifetime
        && account is { Exists: true, Disabled: false }
        && account.PasswordChangedAt.ToUnixTimeSeconds() <= signedIn.ToUnixTimeSeconds()
        && account.Profile!.CentreId == user.CentreId
        && account.Roles.ToHashSet().SetEquals(user.Roles);
}
