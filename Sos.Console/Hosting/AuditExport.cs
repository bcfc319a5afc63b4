using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Sos.Console.Services;
using Sos.Grains.Abstractions;

namespace Sos.Console.Hosting;

/// <summary>The audit trail as a CSV download for administrators: <c>GET /admin/audit/export.csv</c>.</summary>
public static class AuditExport
{
    /// <summary>Maps the export.</summary>
    public static IEndpointRouteBuilder MapAuditExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/admin/audit/export.csv", ExportAsync).RequireAuthorization(policy => policy.RequireRole(SosRoles.Admin));
        return endpoints;
    }

    /// <summary>The export's address for the search <paramref name="query"/> (words, action, UTC days).</summary>
    public static string UrlFor(AuditQuery query, TimeZoneInfo zone)
    {
        var url = new StringBuilder("/admin/audit/export.csv?");
        if (query.Text is { Length: > 0 } text)
        {
            url.Append("text=").Append(Uri.EscapeDataString(text)).Append('&');
        }

        if (query.Action is { Length: > 0 } action)
        {
            url.Append("action=").Append(Uri.EscapeDataString(action)).Append('&');
        }

        if (query.From is { } from)
        {
            url.Append("from=").Append(TimeZoneInfo.ConvertTime(from, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('&');
        }

        if (query.To is { } to)
        {
            url.Append("to=").Append(TimeZoneInfo.ConvertTime(to, zone).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('&');
        }

        return url.ToString().TrimEnd('&', '?');
    }

    private static async Task<IResult> ExportAsync(
        HttpContext http,
        AuditService audit,
        CentreAdminService centres,
        [FromQuery] string? text,
        [FromQuery] string? action,
        [FromQuery] string? from,
        [FromQuery] string? to)
    {
        if (ConsoleUser.From(http.User) is not { } user)
        {
            return Results.Unauthorized();
        }

        if (action is { Length: > 0 } && !AuditActions.All.Contains(action))
        {
            return Results.Problem($"'{action}' is not an audit action; one of {string.Join(", ", AuditActions.All)}.", statusCode: StatusCodes.Status400BadRequest);
        }

        DateOnly? first = null;
        DateOnly? last = null;
        foreach (var (name, value) in new[] { ("from", from), ("to", to) })
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return Results.Problem($"{name} must be a date as yyyy-MM-dd.", statusCode: StatusCodes.Status400BadRequest);
            }

            if (name == "from")
            {
                first = day;
            }
            else
            {
                last = day;
            }
        }

        // Days are the administrator's centre's local days, as the page shows them.
        var zone = await centres.TimeZoneAsync(user.CentreId);
        var query = new AuditQuery(
            text,
            string.IsNullOrEmpty(action) ? null : action,
            first is { } f ? CentreTime.StartOf(f, zone) : null,
            last is { } l ? CentreTime.StartOf(l.AddDays(1), zone) : null,
            Limit: AuditQuery.MaximumLimit);
        var entries = await audit.SearchAsync(user, query);
        await audit.RecordAsync(new AuditRecord(user.Actor, AuditActions.AuditExported, "audit", $"{entries.Length} entries, {http.Request.QueryString}", http.Connection.RemoteIpAddress?.ToString()));
        return Results.File(AuditService.ToCsv(entries), "text/csv; charset=utf-8", $"sos-audit-{DateTime.UtcNow:yyyyMMdd-HHmmss}.csv");
    }
}
