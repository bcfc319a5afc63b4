using System.ComponentModel;

namespace Sos.Silo.DeviceApi;

/// <summary>The body of <c>POST /api/v1/kiosks/{kioskId}/presses</c>.</summary>
/// <param name="PressId">A UUID the device makes for the press and keeps for its retries: the same id again is the same press.</param>
/// <param name="PressedAt">When the device saw the press, RFC 3339 with an offset (such as <c>2026-11-26T08:00:00Z</c>); the server's time when left out.</param>
public sealed record PressBody(
    [property: Description("A UUID the device makes for the press and keeps for its retries: the same id again is the same press.")] string? PressId,
    [property: Description("When the device saw the press, RFC 3339 with an offset, such as 2026-11-26T08:00:00Z. Optional: the server's time when left out.")] string? PressedAt);
