using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>A console account as the console sees it (never its password hash).</summary>
/// <param name="Login">The login (the grain key); also the operator's login.</param>
/// <param name="Profile">Name, roles and centre; null while the account does not exist.</param>
/// <param name="Disabled">An administrator disabled it: it cannot sign in.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="LastSignInAt">When it last signed in.</param>
/// <param name="PasswordChangedAt">When its password was last set.</param>
/// <param name="Theme">How the account's console looks (the user's own choice).</param>
/// <param name="Language">The language the user's console speaks (one of <see cref="Languages.All"/>), null until chosen.</param>
[GenerateSerializer, Immutable, Alias("Sos.AccountSnapshot")]
public sealed record AccountSnapshot(
    [property: Id(0)] string Login,
    [property: Id(1)] AccountProfile? Profile,
    [property: Id(2)] bool Disabled,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset? LastSignInAt,
    [property: Id(5)] DateTimeOffset PasswordChangedAt,
    [property: Id(6)] ThemeChoice Theme = ThemeChoice.System,
    [property: Id(7)] string? Language = null)
{
    /// <summary>Whether an administrator (or the seeding) created this account.</summary>
    public bool Exists => Profile is not null;

    /// <summary>The account's roles; empty while it does not exist.</summary>
    public ImmutableArray<AccountRole> Roles => Profile?.Roles ?? [];

    /// <summary>Whether the account has <paramref name="role"/>.</summary>
    public bool Has(AccountRole role) => Roles.Contains(role);
}
