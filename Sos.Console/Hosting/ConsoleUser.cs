using System.Security.Claims;
using Sos.Grains.Abstractions;

namespace Sos.Console.Hosting;

/// <summary>The signed-in console user, read from the sign-in cookie's claims.</summary>
/// <param name="Login">The login, also the operator's login.</param>
/// <param name="DisplayName">The name to show.</param>
/// <param name="CentreId">The operations centre the user works in.</param>
/// <param name="Roles">What the user may do.</param>
/// <param name="SignedInAt">When the user signed in; null for a sign-in older than this claim.</param>
public sealed record ConsoleUser(string Login, string DisplayName, string CentreId, IReadOnlySet<AccountRole> Roles, DateTimeOffset? SignedInAt = null)
{
    /// <summary>Whether the user has <paramref name="role"/>.</summary>
    public bool Is(AccountRole role) => Roles.Contains(role);

    /// <summary>How the audit trail and call timelines name this user.</summary>
    public string Actor => Actors.Operator(Login);

    /// <summary>
    /// Refuses <paramref name="action"/> unless the user has <paramref name="role"/> and, when
    /// <paramref name="centreId"/> is given, works in that centre: the services' own check, whatever the page offered.
    /// </summary>
    public void Require(AccountRole role, string action, string? centreId = null)
    {
        if (!Is(role))
        {
            throw new AccessRefusedException(Login, action, $"it needs the {role} role");
        }

        if (centreId is not null && centreId != CentreId)
        {
            throw new AccessRefusedException(Login, action, $"it belongs to centre {centreId} and they work in centre {CentreId}");
        }
    }

    /// <summary>The user of a signed-in principal; null when nobody is signed in.</summary>
    public static ConsoleUser? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || principal.Identity.Name is not { Length: > 0 } login)
        {
            return null;
        }

        var roles = principal.FindAll(ClaimTypes.Role)
            .Select(c => Enum.TryParse<AccountRole>(c.Value, out var role) ? role : (AccountRole?)null)
            .OfType<AccountRole>()
            .ToHashSet();
        return new ConsoleUser(
            login,
            principal.FindFirstValue(SosClaims.DisplayName) ?? login,
            principal.FindFirstValue(SosClaims.Centre) ?? SosConstants.DefaultCentreId,
            roles,
            long.TryParse(principal.FindFirstValue(SosClaims.SignedInAt), out var at) ? DateTimeOffset.FromUnixTimeSeconds(at) : null);
    }

    /// <summary>The claims principal of a signed-in account.</summary>
    public static ClaimsPrincipal PrincipalFor(AccountSnapshot account, string authenticationType, DateTimeOffset signedInAt)
    {
        var claims = new List<Claim>
        {
            new(SosClaims.SignedInAt, signedInAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, account.Login),
            new(SosClaims.DisplayName, account.Profile?.DisplayName ?? account.Login),
            new(SosClaims.Centre, account.Profile?.CentreId ?? SosConstants.DefaultCentreId),
        };
        claims.AddRange(account.Roles.Select(r => new Claim(ClaimTypes.Role, r.ToString())));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }
}
