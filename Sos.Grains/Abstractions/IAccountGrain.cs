namespace Sos.Grains.Abstractions;

/// <summary>
/// One console account, keyed by login. Holds the password hash (ASP.NET Core Identity's PBKDF2 format) and never
/// returns it; the console asks it to check a password instead.
/// </summary>
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account with a first password; refused when it exists or the password is too short.</summary>
    Task<AccountSnapshot> CreateAsync(AccountProfile profile, string password);

    /// <summary>Changes name, roles or centre of an existing account.</summary>
    Task<AccountSnapshot> UpdateProfileAsync(AccountProfile profile);

    /// <summary>Sets a new password (an administrator's reset); refused when too short.</summary>
    Task<AccountSnapshot> SetPasswordAsync(string password);

    /// <summary>Disables the account (it can no longer sign in) or enables it again.</summary>
    Task<AccountSnapshot> SetDisabledAsync(bool disabled);

    /// <summary>The user chooses how their console looks; kept with the account, so it follows them to any workstation.</summary>
    Task<AccountSnapshot> SetThemeAsync(ThemeChoice theme);

    /// <summary>
    /// Checks a password at sign-in: returns the account when it exists, is enabled and the password matches, else
    /// null, without saying which of these failed.
    /// </summary>
    Task<AccountSnapshot?> SignInAsync(string password);

    /// <summary>Returns the account; <see cref="AccountSnapshot.Exists"/> is false for a login nobody created.</summary>
    Task<AccountSnapshot> GetAsync();
}
