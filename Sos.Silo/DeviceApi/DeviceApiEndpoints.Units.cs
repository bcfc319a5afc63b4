using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sos.Grains.Abstractions;

namespace Sos.Silo.DeviceApi;

/// <summary>The device API of patrol units' vehicle trackers (AVL): their positions, authenticated by each unit's own secret.</summary>
public static partial class DeviceApiEndpoints
{
    private static void MapUnits(IEndpointRouteBuilder endpoints)
    {
        var unit = endpoints.MapGroup(Prefix + "/units/{unitId}")
            .WithTags("Unit")
            .WithGroupName(DocumentName)
            .AllowAnonymous() // trackers authenticate with their unit's secret, not the host's sign-in
            .AddEndpointFilter<DeviceApiExceptionFilter>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        unit.MapPost("/positions", PositionAsync)
            .WithName("UnitPosition")
            .WithSummary("Report where a patrol unit is (vehicle tracker)")
            .WithDescription(
                "One fix of the unit's tracker, sent with 'Authorization: Bearer <unit secret>' (issued on the console's Units page). " +
                "A fix older than the one Sos holds is accepted and kept out (trackers resend what they could not deliver). " +
                "The dispatcher's nearest-unit list and map use the newest fix; one older than Sos:Units:StaleFixAfter is shown stale.")
            .Accepts<PositionBody>("application/json")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .RequireRateLimiting(DeviceRateLimit.Policy);
    }

    private static async Task<IResult> PositionAsync(string unitId, HttpContext context, IGrainFactory grains, IOptions<DeviceApiOptions> options,
        [FromKeyedServices(SosConstants.ClockKey)] TimeProvider clock)
    {
        var timeout = options.Value.RequestTimeout;
        if (!UnitIds.IsValid(unitId))
        {
            return DeviceApiProblems.BadRequest("unit-id-invalid", $"A unit id is its callsign: 1–{UnitIds.MaxLength} letters, digits, '-' or '_', such as PVL-12.");
        }

        if (await RefuseUnitAsync(context, unitId, grains, timeout) is { } refused)
        {
            return refused;
        }

        var (body, problem) = await DeviceApiBody.ReadAsync<PositionBody>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Latitude is not { } latitude || body.Longitude is not { } longitude)
        {
            return DeviceApiProblems.BadRequest("position-incomplete", "The body needs \"latitude\" and \"longitude\" in degrees (WGS 84).");
        }

        // A fix without its time is taken as measured now, by the clock the grains keep.
        var measuredAt = clock.GetUtcNow();
        if (body.MeasuredAt is { } sent && !TryParseRfc3339(sent, out measuredAt))
        {
            return DeviceApiProblems.BadRequest("measured-at-invalid", "\"measuredAt\" must be an RFC 3339 time with an offset, such as 2026-12-02T08:00:00Z.");
        }

        try
        {
            await grains.GetUnit(unitId).ReportPositionAsync(new GeoFix(latitude, longitude, body.Accuracy, measuredAt, "avl")).WaitAsync(timeout, context.RequestAborted);
        }
        catch (SosDomainException refusedFix) when (refusedFix.Reason is "position-invalid" or "position-in-future")
        {
            return DeviceApiProblems.BadRequest(refusedFix.Reason, refusedFix.Message);
        }

        return TypedResults.NoContent();
    }

    /// <summary>Null when the request carries the unit's tracker secret; otherwise the 401 to answer (never telling which units exist).</summary>
    private static async Task<IResult?> RefuseUnitAsync(HttpContext context, string unitId, IGrainFactory grains, TimeSpan timeout)
    {
        var header = context.Request.Headers.Authorization;
        const string scheme = "Bearer ";
        if (header.Count != 1 || header[0] is not { Length: > 0 } value)
        {
            return DeviceApiProblems.Unauthorized(context, "secret-missing", "Send the unit's tracker secret as 'Authorization: Bearer <secret>'.");
        }

        if (!value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return DeviceApiProblems.Unauthorized(context, "secret-malformed", "The Authorization header must be one 'Bearer <secret>'.");
        }

        var secret = value[scheme.Length..].Trim();
        var valid = secret.Length is > 0 and <= UnitIds.MaxLength + 1 + 64
            && UnitSecrets.UnitIdOf(secret) == unitId
            && await grains.GetUnit(unitId).CheckSecretAsync(secret).WaitAsync(timeout, context.RequestAborted);
        return valid ? null : DeviceApiProblems.Unauthorized(context, "secret-wrong", $"This is not the tracker secret of unit '{unitId}'.");
    }
}
