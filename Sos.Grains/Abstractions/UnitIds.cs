namespace Sos.Grains.Abstractions;

/// <summary>What a unit id (its callsign) may be: 1–32 letters, digits, <c>-</c> and <c>_</c>, starting with a letter or digit.</summary>
public static class UnitIds
{
    /// <summary>The longest id.</summary>
    public const int MaxLength = 32;

    /// <summary>Whether <paramref name="unitId"/> is a well-formed unit id.</summary>
    public static bool IsValid(string? unitId) =>
        !string.IsNullOrEmpty(unitId) && unitId.Length <= MaxLength && char.IsAsciiLetterOrDigit(unitId[0])
        && unitId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
