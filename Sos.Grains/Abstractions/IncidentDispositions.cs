namespace Sos.Grains.Abstractions;

/// <summary>How an incident ended: codes, stable in exports; the console words them (<c>IncidentDisposition.&lt;code&gt;</c>).</summary>
public static class IncidentDispositions
{
    /// <summary>Every disposition code, in the order a dispatcher chooses from.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        "resolved", "report-taken", "arrest", "warning-given", "referred", "medical-help", "unfounded", "gone-on-arrival", "duplicate", "other",
    ];

    /// <summary>Whether <paramref name="code"/> is one of them.</summary>
    public static bool IsKnown(string? code) => code is not null && All.Contains(code, StringComparer.Ordinal);
}
