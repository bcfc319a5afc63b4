using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sos.Grains.Abstractions;
using Sos.Grains.Storage;

namespace Sos.Grains.Accounts;

/// <summary>One console account. Passwords are hashed with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>.</summary>
public sealed class AccountGrain(
    [PersistentState("account", SosConstants.StateStore)] IPersistentState<AccountState> state,
    [FromKeyedServices(SosConstants.ClockKey)] TimeProvider clock,
    ILogger<AccountGrain> logger) : Grain, IAccountGrain
{
    /// <summary>The shortest password an account may have.</summary>
    public const int MinimumPasswordLength = 8;

    private static readonly PasswordHasher<AccountSnapshot> Hasher = new();

    /// <summary>A hash no password matches that anyone knows, verified against when the account does not exist.</summary>
    private static readonly Lazy<string> NobodysHash = new(() =>
        Hasher.HashPassword(AccountState.None("nobody").Account, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))));

    private string Login => this.GetPrimaryKeyString();

    private AccountState Current => state.RecordExists ? state.State : AccountState.None(Login);

    /// <inheritdoc />
    public async Task<AccountSnapshot> CreateAsync(AccountProfile profile, string password, string actor)
    {
        if (Current.Account.Exists)
        {
            throw new SosDomainException("account-exists", $"Account '{Login}' already exists.");
        }

        if (!AccountLogins.IsValid(Login))
        {
            throw new SosDomainException("login-rule", AccountLogins.Rule);
        }

        Validate(profile);
        ValidatePassword(password);
        var now = clock.GetUtcNow();
        var account = new AccountSnapshot(Login, profile, false, now, null, now);
        await state.CommitAsync(new AccountState(account, Hasher.HashPassword(account, password)));
        await GrainFactory.GetAccountDirectory().AddAsync(Login);
        logger.LogInformation("Account {Login} created with roles {Roles}", Login, string.Join(", ", profile.Roles));
        await AuditAsync(actor, AuditActions.AccountCreated, Describe(profile));
        return account;
    }

    /// <inheritdoc />
    public async Task<AccountSnapshot> UpdateProfileAsync(AccountProfile profile, string actor)
    {
        var current = RequireExisting();
        Validate(profile);
        var account = current.Account with { Profile = profile };
        await state.CommitAsync(current with { Account = account });
        logger.LogInformation("Account {Login} now has roles {Roles}", Login, string.Join(", ", profile.Roles));
        await AuditAsync(actor, AuditActions.AccountChanged, $"was {Describe(current.Account.Profile)}; now {Describe(profile)}");
        return account;
    }

    /// <inheritdoc />
    public async Task<AccountSnapshot> SetThemeAsync(ThemeChoice theme)
    {
        var current = RequireExisting();
        if (!Enum.IsDefined(theme))
        {
            throw new SosDomainException($"There is no theme {theme}.");
        }

        if (current.Account.Theme == theme)
        {
            return current.Account;
        }

        var account = current.Account with { Theme = theme };
        await state.CommitAsync(current with { Account = account });
        return account;
    }

    /// <inheritdoc />
    public async Task<AccountSnapshot> SetLanguageAsync(string language)
    {
        var current = RequireExisting();
        if (!Languages.IsSupported(language))
        {
            throw new SosDomainException($"There is no console language {language}: choose one of {string.Join(", ", Languages.All)}.");
        }

        if (current.Account.Language == language)
        {
            return current.Account;
        }

        var account = current.Account with { Language = language };
        await state.CommitAsync(current with { Account = account });
        return account;
    }

    /// <inheritdoc />
    public async Task<AccountSnapshot> SetPasswordAsync(string password, string actor)
    {
        var current = RequireExisting();
        ValidatePassword(password);
        var account = current.Account with { PasswordChangedAt = clock.GetUtcNow() };
        await state.CommitAsync(new AccountState(account, Hasher.HashPassword(account, password)));
        logger.LogInformation("Password of account {Login} was reset", Login);
        await AuditAsync(actor, AuditActions.PasswordSet, "a new password was set");
        return account;
    }

    /// <inheritdoc />
    public async Task<AccountSnapshot> SetDisabledAsync(bool disabled, string actor)
    {
        var current = RequireExisting();
        if (current.Account.Disabled == disabled)
        {
            return current.Account;
        }

        var account = current.Account with { Disabled = disabled };
        await state.CommitAsync(current with { Account = account });
        logger.LogInformation("Account {Login} disabled: {Disabled}", Login, disabled);
        await AuditAsync(actor, disabled ? AuditActions.AccountDisabled : AuditActions.AccountEnabled, disabled ? "may no longer sign in" : "may sign in again");
        if (disabled)
        {
            await SignOutOfRoutingAsync(account);
        }

        return account;
    }

    private static string Describe(AccountProfile? profile) => profile is null
        ? "nothing"
        : $"'{profile.DisplayName}', roles {string.Join(", ", profile.Roles)}, centre {profile.CentreId}";

    private Task AuditAsync(string actor, string action, string detail) =>
        GrainFactory.GetAudit().AppendAsync(new AuditRecord(actor, action, $"account:{Login}", detail));

    /// <summary>
    /// A disabled user is no longer offered calls: their operator goes Offline (a call they are on stays theirs until
    /// it ends or a supervisor moves it).
    /// </summary>
    private async Task SignOutOfRoutingAsync(AccountSnapshot account)
    {
        var op = GrainFactory.GetOperator(Login);
        var now = await op.GetAsync();
        if (now.Presence is OperatorPresence.Available or OperatorPresence.Ringing or OperatorPresence.Break)
        {
            try
            {
                await op.ChangePresenceAsync(now.CentreId ?? account.Profile!.CentreId, OperatorPresence.Offline);
            }
            catch (InvalidPresenceChangeException)
            {
                // Took a call meanwhile: the call stays theirs.
            }
        }
    }

    /// <inheritdoc />
    public async Task<AccountSnapshot?> SignInAsync(string password)
    {
        var current = Current;
        if (!current.Account.Exists || current.Account.Disabled || string.IsNullOrEmpty(password))
        {
            // The same work as a wrong password, so the time taken never tells whether the login exists.
            Hasher.VerifyHashedPassword(current.Account, NobodysHash.Value, password ?? string.Empty);
            return null;
        }

        var result = Hasher.VerifyHashedPassword(current.Account, current.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            return null;
        }

        var account = current.Account with { LastSignInAt = clock.GetUtcNow() };
        var hash = result == PasswordVerificationResult.SuccessRehashNeeded ? Hasher.HashPassword(account, password) : current.PasswordHash;
        await state.CommitAsync(new AccountState(account, hash));
        return account;
    }

    /// <inheritdoc />
    public Task<AccountSnapshot> GetAsync() => Task.FromResult(Current.Account);

    private AccountState RequireExisting() =>
        Current.Account.Exists ? Current : throw new SosDomainException("account-unknown", $"Account '{Login}' does not exist.");

    private static void Validate(AccountProfile profile)
    {
        if (string.IsNullOrWhiteSpace(profile.DisplayName) || string.IsNullOrWhiteSpace(profile.CentreId) || profile.Roles.IsDefaultOrEmpty)
        {
            throw new SosDomainException("account-incomplete", "An account needs a display name, an operations centre and at least one role.");
        }
    }

    private static void ValidatePassword(string password)
    {
        if (password is null || password.Length < MinimumPasswordLength)
        {
            throw new SosDomainException("password-too-short", $"A password needs at least {MinimumPasswordLength} characters.", MinimumPasswordLength.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
