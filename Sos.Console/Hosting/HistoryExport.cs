using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Sos.Console.Services;
using Sos.Grains.Abstractions;

namespace Sos.Console.Hosting;

/// <summary><c>GET /history/export.csv</c>: the history with the page's filters (the centre's local days), as a CSV download.</summary>
public static class HistoryExport
{
    /// <summary>Maps the export endpoint for dispatchers and supervisors.</summary>
    public static IEndpointRouteBuilder MapHistoryExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/history/export.csv", ExportAsync).RequireAuthorization(policy => policy.RequireRole(SosRoles.Dispatcher, SosRoles.Supervisor));
        return endpoints;
    }

    /// <summary>The export address for a query.</summary>
    public static string UrlFor(HistoryQuery query)
    {
        var url = new StringBuilder("/history/export.csv?from=").Append(query.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Append("&to=").Append(query.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(query.KioskId))
        {
            url.Append("&kiosk=").Append(Uri.EscapeDataString(query.KioskId));
        }

        if (!string.IsNullOrEmpty(query.Operator))
        {
            url.Append("&operator=").Append(Uri.EscapeDataString(query.Operator));
        }

        if (query.Disposition is { } disposition)
        {
            url.Append("&disposition=").Append(disposition);
        }

        return url.ToString();
    }

    private static async Task<IResult> ExportAsync(
        HttpContext http,
        HistoryService history,
        CentreAdminService centres,
        AuditService audit,
        [FromQuery] string? from,
        [FromQuery] string? to,
        [FromQuery] string? kiosk,
        [FromQuery(Name = "operator")] string? login,
        [FromQuery] string? disposition)
    {
        if (ConsoleUser.From(http.User) is not { } user)
        {
            return Results.Unauthorized();
        }

        if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            || !DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var last))
        {
            return Results.Problem("from and to must be dates as yyyy-MM-dd.", statusCode: StatusCodes.Status400BadRequest);
        }

        CallDisposition? chosen = null;
        if (!string.IsNullOrEmpty(disposition))
        {
            if (!Enum.TryParse<CallDisposition>(disposition, ignoreCase: true, out var parsed))
            {
                return Results.Problem($"Unknown disposition '{disposition}'.", statusCode: StatusCodes.Status400BadRequest);
            }

            chosen = parsed;
        }

        IReadOnlyList<CallLogEntry> entries;
        var zone = await centres.TimeZoneAsync(user.CentreId);
        try
        {
            entries = await history.QueryAsync(user.CentreId, new HistoryQuery(first, last, kiosk, login, chosen), zone);
        }
        catch (ArgumentException exception)
        {
            return Results.Problem(exception.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        var name = $"sos-history-{user.CentreId}-{first:yyyyMMdd}-{last:yyyyMMdd}.csv";
        await audit.RecordAsync(new AuditRecord(user.Actor, AuditActions.HistoryExported, $"centre:{user.CentreId}", $"{entries.Count} calls, {http.Request.QueryString}", http.Connection.RemoteIpAddress?.ToString()));
        return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(CallLogCsv.Write(entries, zone))).ToArray(), "text/csv; charset=utf-8", name);
    }
}
