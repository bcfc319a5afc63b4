using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Sos.Silo.DeviceApi;

namespace Sos.Simulator;

/// <summary>
/// The device side of the device API, as a kiosk vendor would write it from the OpenAPI document. Each request names
/// the device API it goes to (<paramref name="http"/>'s base address when null), so a kiosk can send a retry to another
/// silo when one does not answer.
/// </summary>
public sealed class DeviceApiClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Reports a press; <see cref="ApiAnswer{T}.Retryable"/> says whether to send the same press id again.</summary>
    public Task<ApiAnswer<PressAccepted>> PressAsync(Uri? api, string kioskId, string secret, Guid pressId, DateTimeOffset pressedAt, CancellationToken cancellationToken) =>
        SendAsync<PressAccepted>(HttpMethod.Post, api, $"api/v1/kiosks/{kioskId}/presses", secret, new { pressId, pressedAt }, cancellationToken);

    /// <summary>The person hung up.</summary>
    public Task<ApiAnswer<CancelAccepted>> CancelAsync(Uri? api, string kioskId, string secret, Guid callId, CancellationToken cancellationToken) =>
        SendAsync<CancelAccepted>(HttpMethod.Post, api, $"api/v1/kiosks/{kioskId}/calls/{callId}/cancel", secret, null, cancellationToken);

    /// <summary>Reports in with a healthy kiosk.</summary>
    public Task<ApiAnswer<object>> HeartbeatAsync(Uri? api, string kioskId, string secret, CancellationToken cancellationToken) =>
        SendAsync<object>(HttpMethod.Post, api, $"api/v1/kiosks/{kioskId}/heartbeats", secret, new { camera = "ok", audio = "ok", tamper = false, power = "mains", firmware = "sim-1.0" }, cancellationToken);

    private async Task<ApiAnswer<T>> SendAsync<T>(HttpMethod method, Uri? api, string path, string secret, object? body, CancellationToken cancellationToken)
        where T : class
    {
        using var request = new HttpRequestMessage(method, api is null ? new Uri(path, UriKind.Relative) : new Uri(api, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var value = response.StatusCode == HttpStatusCode.NoContent ? null : await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
                return new ApiAnswer<T>((int)response.StatusCode, value, false, null);
            }

            var retryAfter = response.Headers.RetryAfter?.Delta;
            var retryable = response.StatusCode == HttpStatusCode.ServiceUnavailable || (int)response.StatusCode >= 500;
            return new ApiAnswer<T>((int)response.StatusCode, null, retryable, retryAfter);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            // No answer (connection refused or reset, timeout): the request may or may not have arrived. Retry.
            return new ApiAnswer<T>(0, null, true, null);
        }
    }
}
