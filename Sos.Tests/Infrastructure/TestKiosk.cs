using System.Net.Http.Json;
using Sos.Grains.Abstractions;

namespace Sos.Tests.Infrastructure;

/// <summary>A kiosk registered for one test, with its secret.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Secret">Its device secret.</param>
/// <param name="Grain">Its grain.</param>
public sealed record TestKiosk(string Id, string Secret, IKioskGrain Grain)
{
    /// <summary>Its presses endpoint.</summary>
    public string Presses => $"/api/v1/kiosks/{Id}/presses";

    /// <summary>Its heartbeats endpoint.</summary>
    public string Heartbeats => $"/api/v1/kiosks/{Id}/heartbeats";

    /// <summary>The endpoint of one of its calls.</summary>
    public string Call(Guid callId) => $"/api/v1/kiosks/{Id}/calls/{callId}";

    /// <summary>The cancel endpoint of one of its calls.</summary>
    public string Cancel(Guid callId) => $"/api/v1/kiosks/{Id}/calls/{callId}/cancel";

    /// <summary>POSTs a press with its secret.</summary>
    public Task<HttpResponseMessage> PressAsync(HttpClient http, Guid pressId, string? secret = null) =>
        http.SendAsync(ApiFixture.Request(HttpMethod.Post, Presses, secret ?? Secret, JsonContent.Create(new { pressId, pressedAt = "2026-11-26T08:00:00Z" })));
}
