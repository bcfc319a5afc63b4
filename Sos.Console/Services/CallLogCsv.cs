using System.Globalization;
using System.Text;
using Sos.Grains.Abstractions;

namespace Sos.Console.Services;

/// <summary>The history as CSV (RFC 4180: comma separated, quoted where needed, CRLF line ends, UTC times).</summary>
public static class CallLogCsv
{
    /// <summary>The header row.</summary>
    public static readonly string[] Columns =
    [
        "call_id", "opened_at_utc", "kiosk_id", "kiosk_name", "district", "status", "priority", "test", "presses",
        "answered_at_utc", "answer_seconds", "ended_at_utc", "closed_at_utc", "operator", "disposition",
        "incident_category", "patrol_unit", "needs_callback",
    ];

    /// <summary>Writes the entries, header first.</summary>
    public static string Write(IEnumerable<CallLogEntry> entries)
    {
        var csv = new StringBuilder();
        Csv.AppendRow(csv, Columns);
        foreach (var e in entries)
        {
            Csv.AppendRow(csv,
            [
                e.CallId.ToString(), Time(e.OpenedAt), e.KioskId, e.KioskName, e.District, e.Status.ToString(), e.Priority.ToString(),
                e.IsTest ? "true" : "false", e.PressCount.ToString(CultureInfo.InvariantCulture), Time(e.ConnectedAt),
                e.AnswerTime is { } answer ? answer.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) : string.Empty,
                Time(e.EndedAt), Time(e.ClosedAt), e.Operator ?? string.Empty, e.Disposition?.ToString() ?? string.Empty,
                e.IncidentCategory ?? string.Empty, e.PatrolUnit ?? string.Empty, e.NeedsCallback ? "true" : "false",
            ]);
        }

        return csv.ToString();
    }

    private static string Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? string.Empty;
}
