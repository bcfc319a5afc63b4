namespace Sos.Grains.Abstractions;

/// <summary>
/// One console account, keyed by login. Holds the password hash (ASP.NET Core Identity's PBKDF2 format) and never
/// returns it; the console asks it to check a password instead.
/// </summary>
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account with a first password; refused when it exists or the password is too short.</summary>
    /// <remarks>Recorded in the audit trail as done by <paramref name="actor"/> (named as <see cref="Actors"/> names people).</remarks>
    Task<AccountSnapshot> CreateAsync(AccountProfile profile, string password, string actor);

    /// <summary>Changes name, roles or centre of an existing account.</summary>
    /// <remarks>Recorded in the audit trail as done by <paramref name="actor"/> (named as <see cref="Actors"/> names people).</remarks>
    Task<AccountSnapshot> UpdateProfileAsync(AccountProfile profile, string actor);

    /// <summary>Sets a new password (an administrator's reset); refused when too short.</summary>
    /// <remarks>Recorded in the audit trail as done by <paramref name="actor"/> (named as <see cref="Actors"/> names people).</remarks>
    Task<AccountSnapshot> SetPasswordAsync(string password, string actor);

    /// <summary>Disables the account (it can no longer sign in) or enables it again.</summary>
    /// <remarks>Recorded in the audit trail as done by <paramref name="actor"/> (named as <see cref="Actors"/> names people).</remarks>
    Task<AccountSnapshot> SetDisabledAsync(bool disabled, string actor);

    /// <summary>The user chooses how their console looks; kept with the account, so it follows them to any workstation.</summary>
    Task<AccountSnapshot> SetThemeAsync(ThemeChoice theme);

    /// <summary>The user chooses the language of their console (one of <see cref="Languages.All"/>); kept with the account.</summary>
    Task<AccountSnapshot> SetLanguageAsync(string language);

    /// <summary>
    /// Checks a password at sign-in: returns the account when it exists, is enabled and the password matches, else
    /// null, without saying which of these failed.
    /// </summary>
    Task<AccountSnapshot?> SignInAsync(string password);

    /// <summary>Returns the account; <see cref="AccountSnapshot.Exists"/> is false for a login nobody created.</summary>
    Task<AccountSnapshot> GetAsync();
}
