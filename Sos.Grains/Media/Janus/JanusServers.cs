using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sos.Grains.Media.Janus;

/// <summary>
/// The Janus servers this process drives: the configured deployment (<c>Sos:Media:Janus:Urls</c>), or the embedded
/// one the host supervises. Checks each every two seconds; a new room goes to the server that answers and holds the
/// fewest rooms, and a server that stops answering is passed over until it answers again.
/// </summary>
public sealed class JanusServers : IAsyncDisposable
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(2);

    private readonly MediaOptions options;
    private readonly ILogger<JanusServers> logger;
    private readonly HttpClient http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = TimeSpan.FromSeconds(2) }) { Timeout = Timeout.InfiniteTimeSpan };
    private readonly IReadOnlyList<JanusClient> clients;
    private readonly CancellationTokenSource stopping = new();
    private int next;

    /// <summary>The servers of <paramref name="options"/>.</summary>
    public JanusServers(IOptions<MediaOptions> options, ILoggerFactory loggers)
    {
        this.options = options.Value;
        logger = loggers.CreateLogger<JanusServers>();
        AdminKey = this.options.Janus.AdminKey is { Length: > 0 } key ? key : Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var urls = this.options.Janus.Urls.Where(u => !string.IsNullOrWhiteSpace(u)).ToList();
        if (urls.Count == 0 && Embedded)
        {
            urls.Add(FormattableString.Invariant($"http://127.0.0.1:{this.options.Janus.Port}/janus"));
        }

        clients = [.. urls.Select(url => new JanusClient(http, url, this.options.Janus.RequestTimeout, loggers.CreateLogger<JanusClient>()))];
        Problem = !this.options.Enabled ? "Media is switched off (Sos:Media:Enabled=false)."
            : clients.Count == 0 ? "No media server is configured (Sos:Media:Janus:Urls)."
            : "The media server has not answered yet.";
        if (this.options.Enabled && clients.Count > 0)
        {
            _ = Task.Run(() => CheckAsync(stopping.Token), CancellationToken.None);
        }
    }

    /// <summary>Whether the host runs its own Janus (media on, no URLs configured, and the host said it may).</summary>
    public bool Embedded => options.Enabled && options.Janus.Urls.Length == 0 && options.EmbeddedServerAllowed;

    /// <summary>The VideoRoom admin key: rooms are created only with it.</summary>
    public string AdminKey { get; }

    /// <summary>Why no server can take a room now, in words an operator reads (meaningful while none is healthy).</summary>
    public string Problem { get; private set; }

    /// <summary>Whether media is switched on.</summary>
    public bool Enabled => options.Enabled;

    /// <summary>The servers.</summary>
    public IReadOnlyList<JanusClient> All => clients;

    /// <summary>The embedded server's supervisor reports why it is not running (not installed, exited), or null once it runs.</summary>
    public void ReportEmbedded(string? problem)
    {
        if (problem is not null)
        {
            Problem = problem;
        }
    }

    /// <summary>The server with this URL, if it is one of ours.</summary>
    public JanusClient? Find(string? url) => clients.FirstOrDefault(c => c.Url == url);

    /// <summary>
    /// The server for a new room: of those that answer, the one holding the fewest rooms (ties taken in turn), or null
    /// when none answers.
    /// </summary>
    public async Task<JanusClient?> PickAsync(CancellationToken cancellationToken = default)
    {
        if (!options.Enabled || clients.Count == 0)
        {
            return null;
        }

        var start = Interlocked.Increment(ref next);
        JanusClient? best = null;
        var fewest = int.MaxValue;
        for (var i = 0; i < clients.Count; i++)
        {
            var client = clients[(int)((uint)(start + i) % clients.Count)];
            if (!client.Healthy && !await client.CheckAsync(cancellationToken))
            {
                continue;
            }

            if (clients.Count == 1)
            {
                return client;
            }

            try
            {
                var rooms = (await client.ListRoomsAsync(AdminKey, cancellationToken)).Count;
                if (rooms < fewest)
                {
                    (best, fewest) = (client, rooms);
                }
            }
            catch (JanusException exception)
            {
                logger.LogInformation("Media server {Url} could not list its rooms ({Reason}); passed over for this room", client.Url, exception.Message);
            }
        }

        return best;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        http.Dispose();
        stopping.Dispose();
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(CheckInterval);
        var was = new bool[clients.Count];
        do
        {
            for (var i = 0; i < clients.Count; i++)
            {
                var healthy = await clients[i].CheckAsync(cancellationToken);
                if (healthy != was[i])
                {
                    was[i] = healthy;
                    if (healthy)
                    {
                        logger.LogInformation("Media server {Url} answers", clients[i].Url);
                    }
                    else
                    {
                        logger.LogWarning("Media server {Url} does not answer", clients[i].Url);
                    }
                }
            }

            if (clients.All(c => !c.Healthy) && !Problem.StartsWith("Janus is not installed", StringComparison.Ordinal))
            {
                Problem = $"The media server does not answer ({string.Join(", ", clients.Select(c => c.Url))}).";
            }
        }
        while (await WaitAsync(timer, cancellationToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
