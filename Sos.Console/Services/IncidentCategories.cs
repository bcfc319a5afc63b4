namespace Sos.Console.Services;

/// <summary>The incident categories a dispatcher chooses from.</summary>
public static class IncidentCategories
{
    /// <summary>Every category, in the order the list shows them.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        "Assault / violence",
        "Robbery / theft",
        "Medical emergency",
        "Lost child / person",
        "Harassment",
        "Public disorder",
        "Traffic accident",
        "Fire",
        "Suspicious object",
        "Information request",
        "Other",
    ];
}
