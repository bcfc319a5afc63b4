namespace Sos.Grains.Abstractions;

/// <summary>
/// The languages Sos speaks, by their two-letter codes: Russian, Kazakh (Cyrillic) and English. The one list every
/// screen, kiosk and account chooses from.
/// </summary>
public static class Languages
{
    /// <summary>Russian.</summary>
    public const string Russian = "ru";

    /// <summary>Kazakh, in Cyrillic.</summary>
    public const string Kazakh = "kk";

    /// <summary>English.</summary>
    public const string English = "en";

    /// <summary>Every language, in the order a switch shows them.</summary>
    public static readonly IReadOnlyList<string> All = [Russian, Kazakh, English];

    /// <summary>Whether <paramref name="code"/> is one of <see cref="All"/>.</summary>
    public static bool IsSupported(string? code) => code is not null && All.Contains(code, StringComparer.Ordinal);

    /// <summary>The language's own name for itself, as a switch shows it.</summary>
    public static string OwnName(string code) => code switch
    {
        Russian => "Русский",
        Kazakh => "Қазақша",
        English => "English",
        _ => code,
    };
}
