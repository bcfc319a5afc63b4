using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Sos.Grains.Media.Janus;

/// <summary>
/// One Janus server's HTTP API (<c>/janus</c>), as Sos uses it: one Janus session per process, kept alive and
/// long-polled for events in the background; plugin handles attached to it; messages with a transaction, whose
/// asynchronous answers (VideoRoom's join, publish, start) arrive on the event poll and are matched back to the
/// caller. Handles die with the session: when Janus restarts or the session times out, <see cref="SessionLost"/>
/// is raised and callers attach anew. Nobody outside Sos talks to this API: it stays on loopback or a private network.
/// </summary>
public sealed class JanusClient : IAsyncDisposable
{
    private static readonly TimeSpan KeepaliveInterval = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PollTimeout = TimeSpan.FromSeconds(40);

    private readonly HttpClient http;
    private readonly Uri api;
    private readonly TimeSpan timeout;
    private readonly ILogger logger;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonObject>> pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, Channel<JsonObject>> listeners = new();
    private readonly SemaphoreSlim sessionGate = new(1, 1);
    private readonly CancellationTokenSource stopping = new();
    private long session;

    /// <summary>A client of the Janus API at <paramref name="url"/> (such as <c>http://127.0.0.1:8088/janus</c>).</summary>
    public JanusClient(HttpClient http, string url, TimeSpan timeout, ILogger logger)
    {
        this.http = http;
        this.timeout = timeout;
        this.logger = logger;
        Url = url.TrimEnd('/');
        api = new Uri(Url + "/");
    }

    /// <summary>Raised (on a pool thread) when the session was lost, with the lost session's id: its handles are gone.</summary>
    public event Action<long>? SessionLost;

    /// <summary>The API URL.</summary>
    public string Url { get; }

    /// <summary>Whether the server answered its last health check.</summary>
    public bool Healthy { get; private set; }

    /// <summary>Asks the server for its info; records and returns whether it answered.</summary>
    public async Task<bool> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timed.CancelAfter(timeout);
            var info = await http.GetFromJsonAsync<JsonObject>(new Uri(api, "info"), timed.Token);
            Healthy = (string?)info?["janus"] == "server_info";
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException)
        {
            Healthy = false;
        }

        return Healthy;
    }

    /// <summary>Attaches a handle of <paramref name="plugin"/> (such as <c>janus.plugin.videoroom</c>).</summary>
    public async Task<JanusHandle> AttachAsync(string plugin, CancellationToken cancellationToken = default)
    {
        var id = await SessionAsync(cancellationToken);
        var reply = await PostAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture), new JsonObject { ["janus"] = "attach", ["plugin"] = plugin }, null, cancellationToken);
        return new JanusHandle(id, reply["data"]?["id"]?.GetValue<long>() ?? throw new JanusException(0, "Janus attached no handle."));
    }

    /// <summary>
    /// Sends <paramref name="body"/> to the handle's plugin, with an SDP of <paramref name="jsepType"/> ("offer" or
    /// "answer") when given, and returns the plugin's answer, synchronous or asynchronous. A plugin error throws.
    /// </summary>
    public async Task<JanusReply> MessageAsync(JanusHandle handle, JsonObject body, string? jsepType = null, string? sdp = null, CancellationToken cancellationToken = default)
    {
        var message = new JsonObject { ["janus"] = "message", ["body"] = body };
        if (jsepType is not null && sdp is not null)
        {
            message["jsep"] = new JsonObject { ["type"] = jsepType, ["sdp"] = sdp };
        }

        var transaction = NewTransaction();
        var answer = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[transaction] = answer;
        try
        {
            var reply = await PostAsync(Path(handle), message, transaction, cancellationToken);
            var final = (string?)reply["janus"] == "ack" ? await answer.Task.WaitAsync(timeout, cancellationToken) : reply;
            return PluginReply(final);
        }
        catch (TimeoutException exception)
        {
            throw new JanusException(0, $"Janus did not answer within {timeout.TotalSeconds:0.#} s.", exception);
        }
        finally
        {
            pending.TryRemove(transaction, out _);
        }
    }

    /// <summary>
    /// The handle's events that answer no pending message (a SIP call's progress, its answer, a hang-up; Janus' own
    /// <c>webrtcup</c> and <c>hangup</c>), from now until it is detached or its session is lost (then the reader completes).
    /// </summary>
    public ChannelReader<JsonObject> Events(JanusHandle handle) =>
        listeners.GetOrAdd(handle.Id, static _ => Channel.CreateUnbounded<JsonObject>(new UnboundedChannelOptions { SingleReader = true })).Reader;

    /// <summary>The ids of every VideoRoom room on the server, private ones included (they are listed only with the admin key).</summary>
    public async Task<IReadOnlyList<string>> ListRoomsAsync(string adminKey, CancellationToken cancellationToken = default)
    {
        var handle = await AttachAsync("janus.plugin.videoroom", cancellationToken);
        try
        {
            var reply = await MessageAsync(handle, new JsonObject { ["request"] = "list", ["admin_key"] = adminKey }, cancellationToken: cancellationToken);
            return [.. (reply.Data["list"] as JsonArray ?? []).Select(room => room?["room"]?.ToString()).OfType<string>()];
        }
        finally
        {
            await DetachAsync(handle, cancellationToken);
        }
    }

    /// <summary>Detaches a handle (its PeerConnection hangs up); a handle already gone is fine.</summary>
    public async Task DetachAsync(JanusHandle handle, CancellationToken cancellationToken = default)
    {
        if (listeners.TryRemove(handle.Id, out var listener))
        {
            listener.Writer.TryComplete();
        }

        try
        {
            await PostAsync(Path(handle), new JsonObject { ["janus"] = "detach" }, null, cancellationToken);
        }
        catch (JanusException exception) when (exception.Code is JanusException.NoSuchHandle or JanusException.NoSuchSession)
        {
            // Gone already.
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        var id = Interlocked.Exchange(ref session, 0);
        if (id != 0)
        {
            try
            {
                using var timed = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await http.PostAsJsonAsync(new Uri(api, id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new JsonObject { ["janus"] = "destroy", ["transaction"] = NewTransaction() }, timed.Token);
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
            {
                // The server times the session out itself.
            }
        }

        stopping.Dispose();
        sessionGate.Dispose();
    }

    private static string Path(JanusHandle handle) => FormattableString.Invariant($"{handle.Session}/{handle.Id}");

    private static string NewTransaction() => Convert.ToHexString(RandomNumberGenerator.GetBytes(8));

    /// <summary>A plugin message or event as a reply: its data and SDP; a plugin error throws.</summary>
    public static JanusReply PluginReply(JsonObject reply)
    {
        if ((string?)reply["janus"] == "error")
        {
            throw Error(reply);
        }

        var data = reply["plugindata"]?["data"] as JsonObject ?? new JsonObject();
        if (data["error_code"] is { } code)
        {
            throw new JanusException(code.GetValue<int>(), (string?)data["error"] ?? "Janus plugin error");
        }

        return new JanusReply(data, (string?)reply["jsep"]?["sdp"]);
    }

    private static JanusException Error(JsonObject reply) =>
        new(reply["error"]?["code"]?.GetValue<int>() ?? 0, (string?)reply["error"]?["reason"] ?? "Janus error");

    private async Task<long> SessionAsync(CancellationToken cancellationToken)
    {
        var id = Interlocked.Read(ref session);
        if (id != 0)
        {
            return id;
        }

        await sessionGate.WaitAsync(cancellationToken);
        try
        {
            id = Interlocked.Read(ref session);
            if (id != 0)
            {
                return id;
            }

            var created = await PostAsync(string.Empty, new JsonObject { ["janus"] = "create" }, null, cancellationToken);
            id = created["data"]?["id"]?.GetValue<long>() ?? throw new JanusException(0, "Janus created no session.");
            Interlocked.Exchange(ref session, id);
            _ = Task.Run(() => PollAsync(id), CancellationToken.None);
            _ = Task.Run(() => KeepAliveAsync(id), CancellationToken.None);
            logger.LogInformation("Janus session {Session} opened on {Url}", id, Url);
            return id;
        }
        finally
        {
            sessionGate.Release();
        }
    }

    private async Task<JsonObject> PostAsync(string path, JsonObject request, string? transaction, CancellationToken cancellationToken)
    {
        request["transaction"] = transaction ?? NewTransaction();
        using var timed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping.Token);
        timed.CancelAfter(timeout);
        JsonObject? reply;
        try
        {
            using var response = await http.PostAsJsonAsync(new Uri(api, path), request, timed.Token);
            reply = await response.Content.ReadFromJsonAsync<JsonObject>(timed.Token);
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException)
        {
            Healthy = false;
            throw new JanusException(0, $"Janus at {Url} did not answer: {exception.Message}", exception);
        }

        if (reply is null)
        {
            throw new JanusException(0, $"Janus at {Url} answered nothing.");
        }

        if ((string?)reply["janus"] == "error")
        {
            var error = Error(reply);
            if (error.Code == JanusException.NoSuchSession && path.Length > 0)
            {
                Lose(long.Parse(path.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture));
            }

            throw error;
        }

        return reply;
    }

    private async Task KeepAliveAsync(long id)
    {
        using var timer = new PeriodicTimer(KeepaliveInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping.Token) && Interlocked.Read(ref session) == id)
            {
                try
                {
                    await PostAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture), new JsonObject { ["janus"] = "keepalive" }, null, stopping.Token);
                }
                catch (JanusException exception) when (!exception.ServerLost || exception.Code == 0)
                {
                    logger.LogWarning("Janus session {Session} keepalive failed: {Reason}", id, exception.Message);
                }
                catch (JanusException)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task PollAsync(long id)
    {
        var failures = 0;
        var path = new Uri(api, FormattableString.Invariant($"{id}?maxev=16"));
        while (!stopping.IsCancellationRequested && Interlocked.Read(ref session) == id)
        {
            try
            {
                using var timed = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
                timed.CancelAfter(PollTimeout);
                var events = await http.GetFromJsonAsync<JsonNode>(path, timed.Token);
                failures = 0;
                foreach (var item in events is JsonArray array ? [.. array] : new[] { events })
                {
                    if (item is not JsonObject message)
                    {
                        continue;
                    }

                    if ((string?)message["janus"] == "error" && message["error"]?["code"]?.GetValue<int>() == JanusException.NoSuchSession)
                    {
                        Lose(id);
                        return;
                    }

                    if ((string?)message["transaction"] is { } transaction && pending.TryRemove(transaction, out var waiter))
                    {
                        waiter.TrySetResult(message);
                    }
                    else if (message["sender"]?.GetValue<long>() is { } sender && listeners.TryGetValue(sender, out var listener))
                    {
                        listener.Writer.TryWrite(message);
                    }
                    else if ((string?)message["janus"] is { } kind and not "keepalive")
                    {
                        logger.LogDebug("Janus {Event} on handle {Handle}", kind, (long?)message["sender"]);
                    }
                }
            }
            catch (Exception exception) when (!stopping.IsCancellationRequested && exception is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException)
            {
                if (++failures >= 3)
                {
                    logger.LogWarning("Janus at {Url} stopped answering its event poll: {Reason}", Url, exception.Message);
                    Lose(id);
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(300), CancellationToken.None);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Lose(long id)
    {
        if (Interlocked.CompareExchange(ref session, 0, id) != id)
        {
            return;
        }

        Healthy = false;
        foreach (var waiter in pending.Values)
        {
            waiter.TrySetException(new JanusException(JanusException.NoSuchSession, $"The Janus session on {Url} was lost."));
        }

        foreach (var handle in listeners.Keys.ToList())
        {
            if (listeners.TryRemove(handle, out var listener))
            {
                listener.Writer.TryComplete();
            }
        }

        logger.LogWarning("Janus session {Session} on {Url} was lost; its handles are gone", id, Url);
        SessionLost?.Invoke(id);
    }
}
