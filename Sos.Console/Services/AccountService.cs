using Sos.Console.Hosting;
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
    public Task<AccountSnapshot> CreateAsync(ConsoleUser acting, string login, AccountProfile profile, string password)
    {
        acting.Require(AccountRole.Admin, $"create account {login}");
        return client.GetAccount(login).CreateAsync(profile, password, acting.Actor);
    }

    /// <summary>Changes name, roles or centre.</summary>
    public Task<AccountSnapshot> UpdateProfileAsync(ConsoleUser acting, string login, AccountProfile profile)
    {
        acting.Require(AccountRole.Admin, $"change account {login}");
        return client.GetAccount(login).UpdateProfileAsync(profile, acting.Actor);
    }

    /// <summary>Resets the password.</summary>
    public Task<AccountSnapshot> ResetPasswordAsync(ConsoleUser acting, string login, string password)
    {
        acting.Require(AccountRole.Admin, $"set the password of account {login}");
        return client.GetAccount(login).SetPasswordAsync(password, acting.Actor);
    }

    /// <summary>The user's own choice of how their console looks.</summary>
    public Task<AccountSnapshot> SetThemeAsync(string login, ThemeChoice theme) => client.GetAccount(login).SetThemeAsync(theme);

    /// <summary>The user's own choice of the language their console speaks.</summary>
    public Task<AccountSnapshot> SetLanguageAsync(string login, string language) => client.GetAccount(login).SetLanguageAsync(language);

    /// <summary>Disables or enables the account.</summary>
    public Task<AccountSnapshot> SetDisabledAsync(ConsoleUser acting, string login, bool disabled)
    {
        acting.Require(AccountRole.Admin, $"{(disabled ? "disable" : "enable")} account {login}");
        if (disabled && login == acting.Login)
        {
            throw new AccessRefusedException(acting.Login, "disable their own account", "another administrator must");
        }

        return client.GetAccount(login).SetDisabledAsync(disabled, acting.Actor);
    }
}
