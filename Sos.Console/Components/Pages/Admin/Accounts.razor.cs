using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Sos.Console.Hosting;
using Sos.Console.Services;
using Sos.Grains.Abstractions;

namespace Sos.Console.Components.Pages.Admin;

/// <summary>Console accounts: create, edit roles, disable and enable, reset passwords.</summary>
public sealed partial class Accounts
{
    private static readonly DialogOptions Wide = new() { MaxWidth = MaxWidth.Medium, FullWidth = true };

    private readonly HashSet<AccountRole> roles = [];
    private IReadOnlyList<AccountSnapshot> accounts = [];
    private ConsoleUser? user;
    private bool editing;
    private bool resetting;
    private bool askingDisable;
    private AccountSnapshot? disabling;
    private bool isNew;
    private string? login;
    private string? displayName;
    private string? centreId;
    private string? password;

    [Inject]
    private AccountService Admin { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        user = ConsoleUser.From((await AuthenticationState).User)!;
        accounts = await Admin.ListAsync();
    }

    private void OpenNew()
    {
        isNew = true;
        login = displayName = password = null;
        centreId = user!.CentreId;
        roles.Clear();
        roles.Add(AccountRole.Dispatcher);
        editing = true;
    }

    private void OpenEdit(AccountSnapshot account)
    {
        isNew = false;
        login = account.Login;
        displayName = account.Profile!.DisplayName;
        centreId = account.Profile.CentreId;
        password = null;
        roles.Clear();
        roles.UnionWith(account.Roles);
        editing = true;
    }

    private void OpenReset(AccountSnapshot account)
    {
        login = account.Login;
        password = null;
        resetting = true;
    }

    private void ToggleRole(AccountRole role, bool on)
    {
        if (on)
        {
            roles.Add(role);
        }
        else
        {
            roles.Remove(role);
        }
    }

    private Task SaveAsync() => RunAsync(async () =>
    {
        var profile = new AccountProfile(displayName?.Trim() ?? string.Empty, [.. roles.Order()], centreId?.Trim() ?? string.Empty);
        var name = login?.Trim() ?? string.Empty;
        if (isNew)
        {
            if (name.Length == 0 || (await Admin.GetAsync(name)).Exists)
            {
                throw name.Length == 0 ? new SosDomainException("login-rule", "An account needs a login.") : new SosDomainException("account-exists", $"Account '{name}' already exists.");
            }

            await Admin.CreateAsync(user!, name, profile, password ?? string.Empty);
        }
        else
        {
            await Admin.UpdateProfileAsync(user!, name, profile);
        }

        editing = false;
        Snackbar.Add(T["Accounts.Saved", name], Severity.Success);
    });

    private Task ResetAsync() => RunAsync(async () =>
    {
        await Admin.ResetPasswordAsync(user!, login!, password ?? string.Empty);
        resetting = false;
        Snackbar.Add(T["Accounts.PasswordReset", login ?? string.Empty], Severity.Success);
    });

    /// <summary>Enabling is at once; disabling someone says what it does and asks first.</summary>
    private Task AskToggle(AccountSnapshot account)
    {
        if (account.Disabled)
        {
            return ToggleDisabledAsync(account);
        }

        disabling = account;
        askingDisable = true;
        return Task.CompletedTask;
    }

    private async Task ConfirmDisableAsync()
    {
        askingDisable = false;
        if (disabling is { } account)
        {
            await ToggleDisabledAsync(account);
        }
    }

    private Task ToggleDisabledAsync(AccountSnapshot account) => RunAsync(async () =>
    {
        if (account.Login == user!.Login && !account.Disabled)
        {
            throw new SosDomainException("own-account", "You cannot disable your own account.");
        }

        await Admin.SetDisabledAsync(user!, account.Login, !account.Disabled);
    });

    private async Task RunAsync(Func<Task> action)
    {
        try
        {
            await action();
            accounts = await Admin.ListAsync();
        }
        catch (SosDomainException refused)
        {
            Snackbar.Add(T.Refusal(refused), Severity.Warning);
        }
    }
}
