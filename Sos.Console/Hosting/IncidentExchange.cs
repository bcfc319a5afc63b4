using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Sos.Console.Services;
using Sos.Grains.Abstractions;

namespace Sos.Console.Hosting;

/// <summary>
/// Incidents for other police systems and for download: an incident's EIDO (NENA-STA-021 JSON) at
/// <c>/incidents/{id}/eido.json</c>, and the centre's incidents as CSV at <c>/incidents/export.csv?from=&amp;to=</c>.
/// A signed-in dispatcher or supervisor gets their own centre's; another system sends
/// <c>Authorization: Bearer &lt;key&gt;</c> with a key of <c>Sos:Exchange:Keys:&lt;system&gt;</c> (any centre).
/// Every refusal is problem+json with a <c>reason</c>.
/// </summary>
public static class IncidentExchange
{
    /// <summary>The configuration section of the exchange keys (<c>Sos:Exchange:Keys:&lt;system name&gt; = &lt;key&gt;</c>).</summary>
    public const string KeysSection = "Sos:Exchange:Keys";

    /// <summary>The shortest key accepted (a key is a secret, not a password to remember).</summary>
    public const int MinKeyLength = 24;

    /// <summary>The address of an incident's EIDO.</summary>
    public static string EidoUrl(Guid incidentId) => $"/incidents/{incidentId}/eido.json";

    /// <summary>Refuses exchange keys that are too short at start-up.</summary>
    public static void Validate(IConfiguration configuration)
    {
        foreach (var key in configuration.GetSection(KeysSection).GetChildren())
        {
            if ((key.Value ?? string.Empty).Length < MinKeyLength)
            {
                throw new Sos.Silo.SosConfigurationException($"{KeysSection}:{key.Key} is shorter than {MinKeyLength} characters: make a random key (openssl rand -base64 32).");
            }
        }
    }

    /// <summary>Maps the EIDO and CSV endpoints.</summary>
    public static IEndpointRouteBuilder MapIncidentExchange(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/incidents/{incidentId}/eido.json", EidoAsync).AllowAnonymous();
        endpoints.MapGet("/incidents/export.csv", CsvAsync).AllowAnonymous();
        return endpoints;
    }

    private static async Task<IResult> EidoAsync(string incidentId, HttpContext http, IncidentService incidents, IConfiguration configuration, AuditService audit)
    {
        var (caller, centre, refused) = Authorize(http, configuration);
        if (refused is not null)
        {
            return refused;
        }

        if (!Guid.TryParse(incidentId, out var id) || id == Guid.Empty)
        {
            return Problem(StatusCodes.Status400BadRequest, "incident-id-invalid", "An incident id is a UUID.");
        }

        if (!await incidents.ExistsAsync(id))
        {
            return Problem(StatusCodes.Status404NotFound, "incident-unknown", $"There is no incident {id}.");
        }

        var incident = await incidents.GetAsync(id);
        if (centre is not null && incident.CentreId != centre)
        {
            // Another centre's incidents are not this user's to read; they are told it is not there.
            return Problem(StatusCodes.Status404NotFound, "incident-unknown", $"There is no incident {id}.");
        }

        var document = await incidents.EidoAsync(id);
        await audit.RecordAsync(new AuditRecord(caller, AuditActions.IncidentExported, $"incident:{incident.Number}", "EIDO", http.Connection.RemoteIpAddress?.ToString()));
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{incident.Number}.eido.json\"";
        return Results.Text(document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), Eido.MediaType, Encoding.UTF8);
    }

    private static async Task<IResult> CsvAsync(HttpContext http, IncidentService incidents, CentreAdminService centres, IConfiguration configuration, AuditService audit,
        [FromQuery] string? from, [FromQuery] string? to, [FromQuery] string? centre)
    {
        var (caller, own, refused) = Authorize(http, configuration);
        if (refused is not null)
        {
            return refused;
        }

        var centreId = own ?? centre;
        if (string.IsNullOrWhiteSpace(centreId))
        {
            return Problem(StatusCodes.Status400BadRequest, "centre-missing", "Name the operations centre: ?centre=<id>.");
        }

        if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            || !DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var last))
        {
            return Problem(StatusCodes.Status400BadRequest, "dates-invalid", "from and to must be dates as yyyy-MM-dd.");
        }

        if (last < first || last.DayNumber - first.DayNumber > 366)
        {
            return Problem(StatusCodes.Status400BadRequest, "dates-invalid", "to must not be before from, and at most 366 days after it.");
        }

        var zone = await centres.TimeZoneAsync(centreId);
        var found = await incidents.HistoryAsync(centreId, first, last, zone);
        var csv = new StringBuilder();
        Csv.AppendRow(csv, ["number", "incident_id", "opened_at", "source", "type", "priority", "status", "disposition", "address", "latitude", "longitude", "calls", "units", "closed_at"]);
        foreach (var i in found)
        {
            Csv.AppendRow(csv, [
                i.Number, i.IncidentId.ToString(), Iso(i.OpenedAt, zone), i.Source.ToString(), i.TypeCode ?? string.Empty,
                i.Priority.ToString(CultureInfo.InvariantCulture), i.Status.ToString(), i.Disposition ?? string.Empty, i.Location?.Address ?? string.Empty,
                i.Location?.Latitude.ToString("0.######", CultureInfo.InvariantCulture) ?? string.Empty,
                i.Location?.Longitude.ToString("0.######", CultureInfo.InvariantCulture) ?? string.Empty,
                string.Join(' ', i.CallIds), string.Join(' ', i.Assignments.Select(a => a.UnitId).Distinct()),
                i.At(IncidentStatus.Closed) is { } closed && i.Status == IncidentStatus.Closed ? Iso(closed, zone) : string.Empty,
            ]);
        }

        await audit.RecordAsync(new AuditRecord(caller, AuditActions.IncidentExported, $"centre:{centreId}", $"{found.Count} incidents as CSV, {http.Request.QueryString}", http.Connection.RemoteIpAddress?.ToString()));
        return Results.File(Csv.Bytes(csv), "text/csv; charset=utf-8", $"sos-incidents-{centreId}-{first:yyyyMMdd}-{last:yyyyMMdd}.csv");
    }

    /// <summary>Who asks: a signed-in dispatcher or supervisor (their centre only), or a system with an exchange key (any centre).</summary>
    private static (string Caller, string? Centre, IResult? Refused) Authorize(HttpContext http, IConfiguration configuration)
    {
        if (ConsoleUser.From(http.User) is { } user)
        {
            return user.Is(AccountRole.Dispatcher) || user.Is(AccountRole.Supervisor)
                ? (user.Actor, user.CentreId, null)
                : (user.Actor, null, Problem(StatusCodes.Status403Forbidden, "role-refused", "Incidents are for dispatchers and supervisors."));
        }

        var header = http.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return (Actors.Anonymous, null, Problem(StatusCodes.Status401Unauthorized, "key-missing", "Sign in, or send an exchange key as 'Authorization: Bearer <key>'."));
        }

        var sent = Encoding.UTF8.GetBytes(header[scheme.Length..].Trim());
        foreach (var key in configuration.GetSection(KeysSection).GetChildren())
        {
            if (key.Value is { Length: >= MinKeyLength } value
                && CryptographicOperations.FixedTimeEquals(SHA256.HashData(sent), SHA256.HashData(Encoding.UTF8.GetBytes(value))))
            {
                return (Actors.Tool($"exchange:{key.Key}"), null, null);
            }
        }

        return (Actors.Anonymous, null, Problem(StatusCodes.Status401Unauthorized, "key-wrong", "This is not an exchange key of this installation."));
    }

    private static string Iso(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static IResult Problem(int status, string reason, string detail) =>
        Results.Problem(detail, statusCode: status, title: ReasonTitle(status), extensions: new Dictionary<string, object?> { ["reason"] = reason });

    private static string ReasonTitle(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "Bad request",
        StatusCodes.Status401Unauthorized => "Not authenticated",
        StatusCodes.Status403Forbidden => "Forbidden",
        _ => "Not found",
    };
}
