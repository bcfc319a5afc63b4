using Sos.Grains.Abstractions;

namespace Sos.Console.Services;

/// <summary>Console accounts: sign-in checks and administration.</summary>
public sealed class AccountService(IClusterClient client)
{
    /// <summary>The account when the password is right and the account enabled; null otherwise.</summary>
    public Task<AccountSnapshot?> SignInAsync(string login, string password) => client.GetAccount(login).SignInAsync(password);

    /// <summary>An account.</summary>
    public Task<AccountSnapshot> GetAsync(string login) => client.GetAccount(login).GetAsync();

    /// <summary>Every account.</summary>
    public async Task<IReadOnlyList<AccountSnapshot>> ListAsync()
    {
        var logins = await client.GetAccountDirectory().GetAsync();
        var accounts = await Task.WhenAll(logins.Select(l => client.GetAccount(l).GetAsync()));
        return [.. accounts.Where(a => a.Exists)];
    }

    /// <summary>Creates an account.</summary>
    public Task<AccountSnapshot> CreateAsync(string login, AccountProfile profile, string password) =>
        client.GetAccount(login).CreateAsync(profile, password);

    /// <summary>Changes name, roles or centre.</summary>
    public Task<AccountSnapshot> UpdateProfileAsync(string login, AccountProfile profile) =>
        client.GetAccount(login).UpdateProfileAsync(profile);

    /// <summary>Resets the password.</summary>
    public Task<AccountSnapshot> ResetPasswordAsync(string login, string password) => client.GetAccount(login).SetPasswordAsync(password);

    /// <summary>The user's own choice of how their console looks.</summary>
    public Task<AccountSnapshot> SetThemeAsync(string login, ThemeChoice theme) => client.GetAccount(login).SetThemeAsync(theme);

    /// <summary>Disables or enables the account.</summary>
    public Task<AccountSnapshot> SetDisabledAsync(string login, bool disabled) => client.GetAccount(login).SetDisabledAsync(disabled);
}
