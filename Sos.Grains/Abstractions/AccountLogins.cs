namespace Sos.Grains.Abstractions;

/// <summary>What a console login may be: 1 to <see cref="MaxLength"/> ASCII letters, digits, '.', '_', '-' or '@'.</summary>
public static class AccountLogins
{
    /// <summary>The longest login.</summary>
    public const int MaxLength = 64;

    /// <summary>What a login may be, in words.</summary>
    public const string Rule = "A login is 1 to 64 letters, digits, '.', '_', '-' or '@'.";

    /// <summary>Whether <paramref name="login"/> is a login an account can have.</summary>
    public static bool IsValid(string? login) =>
        login is { Length: > 0 and <= MaxLength } && login.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@');
}
