using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Sos.Console.Services;
using Sos.Grains.Abstractions;

namespace Sos.Console.Hosting;

/// <summary>Sign-in and sign-out: plain form posts, so the cookie is set on a real HTTP response.</summary>
public static class AccountEndpoints
{
    /// <summary>Maps <c>POST /account/login</c> and <c>POST /account/logout</c>.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/login", SignInAsync).AllowAnonymous().RequireRateLimiting(SignInRateLimit.Policy);

        // Only a sign-out; the SameSite=Strict cookie is not sent with another site's post.
        endpoints.MapPost("/account/logout", SignOutAsync).DisableAntiforgery();

        // The language switch: anyone may choose (the sign-in page has it too); a signed-in user's choice is kept with
        // their account. Only a language and a local path are taken, so another site's post can do no harm.
        endpoints.MapPost("/account/language", ChooseLanguageAsync).AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }

    /// <summary>Rejects the cookie of an account that was disabled or deleted, or whose roles or centre changed, since it signed in.</summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        if (ConsoleUser.From(context.Principal!) is not { } user)
        {
            return;
        }

        var services = context.HttpContext.RequestServices;
        var account = await services.GetRequiredService<AccountService>().GetAsync(user.Login);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (!AccountRevalidation.StillHolds(user, account, now, services.GetRequiredService<IOptions<ConsoleOptions>>().Value.SessionLifetime))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    private static async Task<IResult> SignInAsync(
        HttpContext http,
        [FromForm(Name = "user")] string? user,
        [FromForm(Name = "password")] string? password,
        [FromForm(Name = "returnUrl")] string? returnUrl,
        AccountService accounts,
        AuditService audit,
        SignInThrottle throttle,
        ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("Sos.Console.SignIn");
        var login = (user ?? string.Empty).Trim();
        var back = SafeReturnUrl(returnUrl);
        if (login.Length == 0 || string.IsNullOrEmpty(password))
        {
            return Results.Redirect($"/login?failed=1&returnUrl={Uri.EscapeDataString(back)}");
        }

        var delay = throttle.DelayFor(login);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, http.RequestAborted);
        }

        // A login no account can have never reaches a grain (no activation per invented name).
        var account = AccountLogins.IsValid(login) ? await accounts.SignInAsync(login, password) : null;
        var address = http.Connection.RemoteIpAddress?.ToString();
        if (account is null)
        {
            throttle.Failed(login);
            var named = login.Length <= AccountLogins.MaxLength ? login : login[..AccountLogins.MaxLength];
            logger.LogWarning("Failed sign-in for {Login} from {Address}", named, address);
            await audit.RecordAsync(new AuditRecord(Actors.Anonymous, AuditActions.SignInFailed, $"account:{named}", "wrong password, or no enabled account of that name", address));
            return Results.Redirect($"/login?failed=1&returnUrl={Uri.EscapeDataString(back)}");
        }

        throttle.Succeeded(login);
        if (account.Language is { } language && Languages.IsSupported(language))
        {
            ConsoleCultures.Remember(http, language);
        }

        var principal = ConsoleUser.PrincipalFor(account, CookieAuthenticationDefaults.AuthenticationScheme, http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        logger.LogInformation("{Login} signed in", login);
        await audit.RecordAsync(new AuditRecord(Actors.Operator(account.Login), AuditActions.SignIn, $"account:{account.Login}", $"signed in as {string.Join(", ", account.Profile!.Roles)} of centre {account.Profile.CentreId}", address));
        return Results.LocalRedirect(back);
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, DispatchService dispatch, AuditService audit)
    {
        if (ConsoleUser.From(http.User) is { } leaving)
        {
            await audit.RecordAsync(new AuditRecord(leaving.Actor, AuditActions.SignOut, $"account:{leaving.Login}", "signed out", http.Connection.RemoteIpAddress?.ToString()));
        }

        if (ConsoleUser.From(http.User) is { } user && user.Is(AccountRole.Dispatcher))
        {
            try
            {
                var me = await dispatch.GetOperatorAsync(user.Login);
                if (me.Presence is OperatorPresence.Available or OperatorPresence.Break or OperatorPresence.Ringing)
                {
                    await dispatch.ChangePresenceAsync(user.CentreId, user.Login, OperatorPresence.Offline);
                }
            }
            catch (SosDomainException)
            {
                // On a call: the presence follows the call; signing out of the console is still allowed.
            }
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.Redirect("/login");
    }

    private static async Task<IResult> ChooseLanguageAsync(
        HttpContext http,
        [FromForm(Name = "language")] string? language,
        [FromForm(Name = "returnUrl")] string? returnUrl,
        AccountService accounts)
    {
        var back = SafeReturnUrl(returnUrl);
        if (!Languages.IsSupported(language))
        {
            return Results.Problem(
                $"There is no console language '{language}': choose one of {string.Join(", ", Languages.All)}.",
                statusCode: StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?> { ["reason"] = "unknown-language" });
        }

        ConsoleCultures.Remember(http, language!);
        if (ConsoleUser.From(http.User) is { } user)
        {
            await accounts.SetLanguageAsync(user.Login, language!);
        }

        return Results.LocalRedirect(back);
    }

    /// <summary>Only a local path is followed after sign-in (no open redirect).</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}
