using System.Text.RegularExpressions;

namespace Sos.Grains.Abstractions;

/// <summary>
/// The format of a kiosk id: 1–100 characters of lower-case letters, digits, <c>-</c> and <c>_</c>, starting and
/// ending with a letter or digit (such as <c>pvl-embankment-01</c>). Registration refuses any other id, so every
/// registered kiosk can be addressed in a URL and named in a secret.
/// </summary>
public static partial class KioskIds
{
    /// <summary>The longest kiosk id.</summary>
    public const int MaxLength = 100;

    /// <summary>The pattern, for documents such as the OpenAPI description.</summary>
    public const string Pattern = "^[a-z0-9](?:[a-z0-9_-]{0,98}[a-z0-9])?$";

    /// <summary>Whether <paramref name="kioskId"/> is a well-formed kiosk id.</summary>
    public static bool IsValid(string? kioskId) => kioskId is { Length: > 0 and <= MaxLength } && Format().IsMatch(kioskId);

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex Format();
}
