using Sos.Grains.Abstractions;

namespace Sos.Grains.Accounts;

/// <summary>An account's persisted state: what the console sees, and the password hash it never sees.</summary>
/// <param name="Account">Profile, status and times.</param>
/// <param name="PasswordHash">ASP.NET Core Identity's hash of the password (PBKDF2, versioned format).</param>
[GenerateSerializer, Immutable, Alias("Sos.AccountState")]
public sealed record AccountState(
    [property: Id(0)] AccountSnapshot Account,
    [property: Id(1)] string PasswordHash)
{
    /// <summary>The state of a login nobody created.</summary>
    public static AccountState None(string login) => new(new AccountSnapshot(login, null, false, default, null, default), string.Empty);
}
