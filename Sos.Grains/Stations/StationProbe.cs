using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sos.Grains.Stations;

/// <summary>What the SIP server last learnt of a station from its OPTIONS.</summary>
public enum StationReach
{
    /// <summary>Not asked yet (just added).</summary>
    Unknown = 0,

    /// <summary>It answered its last OPTIONS.</summary>
    Up = 1,

    /// <summary>It did not answer its last OPTIONS (or refused it).</summary>
    Down = 2,

    /// <summary>The SIP server does not supervise it (it restarted, or it was never told): to be added.</summary>
    NotSupervised = 3,
}

/// <summary>
/// The SIP server's OPTIONS supervision of stations, as Sos uses it: Debian's kamailio with its <c>keepalive</c> module,
/// asked over JSON-RPC (<c>keepalive.add</c>, <c>keepalive.get</c>, <c>keepalive.del</c>) with the kiosk's id as the
/// destination's owner. The server sends the OPTIONS and keeps each station's state; Sos only reads it.
/// </summary>
public sealed class StationProbe(HttpClient http, IOptions<StationOptions> options, ILogger<StationProbe> logger)
{
    private const int AnswerTimeoutSeconds = 3;

    /// <summary>Starts supervising <paramref name="uri"/> for <paramref name="kioskId"/>; one supervised already is fine.</summary>
    public async Task AddAsync(string uri, string kioskId, CancellationToken cancellationToken)
    {
        var reply = await CallAsync("keepalive.add", [uri, kioskId], cancellationToken);
        if (reply?["error"] is { } error)
        {
            // kamailio refuses a destination it has already ("couldn't add data to list").
            logger.LogDebug("Station {Uri} of kiosk {KioskId}: {Error}", uri, kioskId, error.ToJsonString());
        }
    }

    /// <summary>Stops supervising <paramref name="uri"/> for <paramref name="kioskId"/>; one not supervised is fine.</summary>
    public Task RemoveAsync(string uri, string kioskId, CancellationToken cancellationToken) => CallAsync("keepalive.del", [uri, kioskId], cancellationToken);

    /// <summary>What the SIP server knows of the station; null when the server itself does not answer.</summary>
    public async Task<StationReach?> ReachAsync(string uri, string kioskId, CancellationToken cancellationToken)
    {
        var reply = await CallAsync("keepalive.get", [uri, kioskId], cancellationToken);
        if (reply is null)
        {
            return null;
        }

        return reply["result"]?["state"]?.GetValue<int>() switch
        {
            1 => StationReach.Up,
            2 => StationReach.Down,
            0 => StationReach.Unknown,
            _ => StationReach.NotSupervised,
        };
    }

    /// <summary>
    /// Where the registering station at <paramref name="uri"/> is registered now (its Contact), from the SIP server's
    /// location table (<c>ul.lookup</c>):
    /// <see cref="StationReach.Up"/> with the contact, <see cref="StationReach.Down"/> when it is not registered, null
    /// when the server itself does not answer.
    /// </summary>
    public async Task<(StationReach Reach, string? Contact)?> RegisteredAsync(string uri, CancellationToken cancellationToken)
    {
        if (StationPresses.LocationKey(uri) is not { } key)
        {
            return (StationReach.Down, null);
        }

        var reply = await CallAsync("ul.lookup", ["location", key], cancellationToken);
        if (reply is null)
        {
            return null;
        }

        var contacts = reply["result"]?["Contacts"]?.AsArray() ?? [];
        foreach (var entry in contacts)
        {
            var contact = entry?["Contact"] ?? entry;
            var address = contact?["Address"]?.GetValue<string>();
            var expires = contact?["Expires"];
            var live = expires is null || expires.GetValueKind() != System.Text.Json.JsonValueKind.Number || expires.GetValue<long>() > 0;
            if (address is { Length: > 0 } && live)
            {
                return (StationReach.Up, address);
            }
        }

        return (StationReach.Down, null);
    }

    private async Task<JsonObject?> CallAsync(string method, string[] parameters, CancellationToken cancellationToken)
    {
        var request = new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = new JsonArray([.. parameters.Select(p => (JsonNode)p)]), ["id"] = 1 };
        try
        {
            using var timed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timed.CancelAfter(TimeSpan.FromSeconds(AnswerTimeoutSeconds));
            // With a Content-Length (kamailio's HTTP takes no chunked bodies).
            using var content = new StringContent(request.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(options.Value.EffectiveRpcUrl, content, timed.Token);
            return await response.Content.ReadFromJsonAsync<JsonObject>(timed.Token);
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException)
        {
            logger.LogWarning("The SIP server at {Url} did not answer {Method}: {Reason}", options.Value.EffectiveRpcUrl, method, exception.Message);
            return null;
        }
    }
}
