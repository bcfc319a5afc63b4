using System.ComponentModel;

namespace Sos.Silo.DeviceApi;

/// <summary>The body of <c>POST /api/v1/units/{unitId}/positions</c>: one fix from a vehicle tracker (AVL).</summary>
/// <param name="Latitude">WGS 84 latitude in degrees.</param>
/// <param name="Longitude">WGS 84 longitude in degrees.</param>
/// <param name="Accuracy">The radius the fix is good to, in metres (optional).</param>
/// <param name="MeasuredAt">When the tracker measured it, RFC 3339 with an offset (optional: when Sos received it).</param>
public sealed record PositionBody(
    [property: Description("WGS 84 latitude in degrees, -90 to 90.")] double? Latitude,
    [property: Description("WGS 84 longitude in degrees, -180 to 180.")] double? Longitude,
    [property: Description("The radius the fix is good to, in metres; optional.")] double? Accuracy,
    [property: Description("When the tracker measured it, RFC 3339 with an offset; optional (then: when Sos received it).")] string? MeasuredAt);
