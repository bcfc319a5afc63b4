using System.Globalization;
using System.Text;
using Sos.Grains.Abstractions;

namespace Sos.Console.Services;

/// <summary>The history as CSV (RFC 4180: comma separated, quoted where needed, CRLF line ends; times ISO 8601 in the centre's zone, with its offset). Column names and values are machine codes, the same in every language.</summary>
public static class CallLogCsv
{
    /// <summary>The header row.</summary>
    public static readonly string[] Columns =
    [
        "call_id", "opened_at", "kiosk_id", "kiosk_name", "district", "status", "priority", "test", "presses",
        "answered_at", "answer_seconds", "ended_at", "closed_at", "operator", "disposition",
        "incident_category", "patrol_unit", "needs_callback",
    ];

    /// <summary>Writes the entries, header first.</summary>
    public static string Write(IEnumerable<CallLogEntry> entries, TimeZoneInfo zone)
    {
        var csv = new StringBuilder();
        Csv.AppendRow(csv, Columns);
        foreach (var e in entries)
        {
            Csv.AppendRow(csv,
            [
                e.CallId.ToString(), Time(e.OpenedAt, zone), e.KioskId, e.KioskName, e.District, e.Status.ToString(), e.Priority.ToString(),
                e.IsTest ? "true" : "false", e.PressCount.ToString(CultureInfo.InvariantCulture), Time(e.ConnectedAt, zone),
                e.AnswerTime is { } answer ? answer.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) : string.Empty,
                Time(e.EndedAt, zone), Time(e.ClosedAt, zone), e.Operator ?? string.Empty, e.Disposition?.ToString() ?? string.Empty,
                IncidentCategories.CodeOf(e.IncidentCategory) ?? string.Empty, e.PatrolUnit ?? string.Empty, e.NeedsCallback ? "true" : "false",
            ]);
        }

        return csv.ToString();
    }

    private static string Time(DateTimeOffset? at, TimeZoneInfo zone) =>
        at is { } instant ? TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) : string.Empty;
}
