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

        var lines = CallLogCsv.Write([CallLogEntry.From(call)]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, lines.Length);
        Assert.Equal(string.Join(',', CallLogCsv.Columns), lines[0]);
        Assert.StartsWith($"{call.CallId},2026-11-26T08:00:00Z,pvl-embankment-01,Central Embankment,Central,Closed,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",2026-11-26T08:00:05Z,5.0,", lines[1], StringComparison.Ordinal);
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
        Assert.Equal([new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 25)], new HistoryQuery(new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 25)).Days());
    }

    [Fact]
    public void ExportAddressCarriesThePageFilters() =>
        Assert.Equal(
            "/history/export.csv?from=2026-11-01&to=2026-11-26&kiosk=pvl-park-01&operator=anna&disposition=Prank",
            HistoryExport.UrlFor(new HistoryQuery(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 26), "pvl-park-01", "anna", CallDisposition.Prank)));
}
