using Sos.Console.Hosting;
using Sos.Console.Services;
using Sos.Grains.Abstractions;

namespace Sos.Tests.Console;

public sealed class HistoryExportTests
{
    [Fact]
    public void CsvHasAHeaderOneRowPerCallAndQuotesWhatNeedsQuoting()
    {
        var call = Calls.Connected() with
        {
            Status = CallStatus.Closed,
            Disposition = CallDisposition.PatrolSent,
            IncidentCategory = "Robbery, with \"knife\"",
            PatrolUnit = "=HYPERLINK(\"x\")",
        };

        var lines = CallLogCsv.Write([CallLogEntry.From(call)], TimeZoneInfo.FindSystemTimeZoneById("Asia/Almaty")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, lines.Length);
        Assert.Equal(string.Join(',', CallLogCsv.Columns), lines[0]);
        Assert.StartsWith($"{call.CallId},2026-11-26T13:00:00+05:00,pvl-embankment-01,Central Embankment,Central,Closed,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",2026-11-26T13:00:05+05:00,5.0,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",\"Robbery, with \"\"knife\"\"\",", lines[1], StringComparison.Ordinal);
        Assert.Contains(",\"'=HYPERLINK(\"\"x\"\")\",", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void HistoryListsOnlyEndedCallsThatMatchEveryFilter()
    {
        var closed = CallLogEntry.From(Calls.Connected() with { Status = CallStatus.Closed, Disposition = CallDisposition.HelpGiven });
        var connected = CallLogEntry.From(Calls.Connected());
        var query = new HistoryQuery(new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 26), "pvl-embankment-01", "ANNA", CallDisposition.HelpGiven);

        Assert.True(query.Matches(closed));
        Assert.False(query.Matches(connected));
        Assert.False((query with { KioskId = "pvl-park-01" }).Matches(closed));
        Assert.False((query with { Disposition = CallDisposition.Prank }).Matches(closed));
    }

    [Fact]
    public void LocalDaysEastOfUtcAreReadFromTheUtcDayBeforeToo()
    {
        var almaty = TimeZoneInfo.FindSystemTimeZoneById("Asia/Almaty");

        // Local 24–25 November in Pavlodar (UTC+5) runs from 23 November 19:00 UTC to 25 November 19:00 UTC.
        Assert.Equal([new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 25)], CentreTime.UtcDaysOf(new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 25), almaty));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 19, 0, 0, TimeSpan.Zero), CentreTime.StartOf(new DateOnly(2026, 11, 24), almaty));
        Assert.Equal(new DateOnly(2026, 11, 25), CentreTime.DayOf(new DateTimeOffset(2026, 11, 24, 19, 0, 0, TimeSpan.Zero), almaty));
        Assert.Equal([new DateOnly(2026, 11, 24)], CentreTime.UtcDaysOf(new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 24), TimeZoneInfo.Utc));
    }

    [Fact]
    public void ExportAddressCarriesThePageFilters() =>
        Assert.Equal(
            "/history/export.csv?from=2026-11-01&to=2026-11-26&kiosk=pvl-park-01&operator=anna&disposition=Prank",
            HistoryExport.UrlFor(new HistoryQuery(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 26), "pvl-park-01", "anna", CallDisposition.Prank)));
}
