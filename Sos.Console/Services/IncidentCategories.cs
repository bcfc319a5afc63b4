using Microsoft.Extensions.Localization;

namespace Sos.Console.Services;

/// <summary>
/// The incident categories a dispatcher chooses from. A call keeps the category's code (English, stable: it is what
/// the history's CSV carries); the console shows its label in the user's language (<c>Category.&lt;code&gt;</c>).
/// </summary>
public static class IncidentCategories
{
    /// <summary>Every category's code, in the order the list shows them.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        "assault", "robbery", "medical", "missing-person", "harassment", "public-disorder", "traffic-accident", "fire",
        "suspicious-object", "information", "other",
    ];

    /// <summary>The codes of the categories calls recorded before categories had codes (their English labels).</summary>
    private static readonly Dictionary<string, string> Earlier = new(StringComparer.Ordinal)
    {
        ["Assault / violence"] = "assault",
        ["Robbery / theft"] = "robbery",
        ["Medical emergency"] = "medical",
        ["Lost child / person"] = "missing-person",
        ["Harassment"] = "harassment",
        ["Public disorder"] = "public-disorder",
        ["Traffic accident"] = "traffic-accident",
        ["Fire"] = "fire",
        ["Suspicious object"] = "suspicious-object",
        ["Information request"] = "information",
        ["Other"] = "other",
    };

    /// <summary>The code of a recorded category: itself, or the code of an earlier label.</summary>
    public static string? CodeOf(string? category) =>
        category is null ? null : Earlier.TryGetValue(category, out var code) ? code : category;

    /// <summary>A recorded category in the user's language (a category Sos does not know is shown as recorded).</summary>
    public static string Label(IStringLocalizer<Text> text, string? category)
    {
        if (CodeOf(category) is not { } code)
        {
            return string.Empty;
        }

        var label = text[$"Category.{code}"];
        return label.ResourceNotFound ? code : label.Value;
    }
}
