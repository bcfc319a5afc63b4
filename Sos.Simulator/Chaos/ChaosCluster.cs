using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;
using Sos.Silo;

namespace Sos.Simulator.Chaos;

/// <summary>
/// A throw-away PostgreSQL database, real silo processes on it (Cluster mode, each on its own loopback ports) and an
/// Orleans client, as an operations centre would run them. A silo can be killed (SIGKILL) and started again on its
/// ports; disposing kills every silo it started and drops the database.
/// </summary>
public sealed class ChaosCluster : IAsyncDisposable
{
    private static readonly TimeSpan DeathTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    private readonly string serverConnectionString;
    private readonly string databaseName;
    private readonly string clusterId;
    private readonly IReadOnlyDictionary<string, string> settings;
    private readonly SiloEndpoints[] endpoints;
    private readonly SiloProcess?[] silos;
    private readonly string? logDirectory;
    private int started;
    private IHost? client;

    private ChaosCluster(string serverConnectionString, string databaseName, string connectionString, string clusterId, int silos, IReadOnlyDictionary<string, string> settings, string? logDirectory)
    {
        this.logDirectory = logDirectory;
        this.serverConnectionString = serverConnectionString;
        this.databaseName = databaseName;
        this.clusterId = clusterId;
        this.settings = settings;
        ConnectionString = connectionString;
        endpoints = [.. Enumerable.Range(0, silos).Select(_ => SiloEndpoints.Free())];
        this.silos = new SiloProcess?[silos];
    }

    /// <summary>The connection string of the cluster's database.</summary>
    public string ConnectionString { get; }

    /// <summary>The Orleans client (Cluster mode: it finds the gateways in the membership table).</summary>
    public IClusterClient Client => client?.Services.GetRequiredService<IClusterClient>() ?? throw new InvalidOperationException("The cluster is not started.");

    /// <summary>The device API of every silo slot, in slot order (a restarted silo keeps its slot's ports).</summary>
    public IReadOnlyList<Uri> DeviceApis => [.. endpoints.Select(e => e.DeviceApi)];

    /// <summary>The number of silo slots.</summary>
    public int Size => endpoints.Length;

    /// <summary>The ports of a slot.</summary>
    public SiloEndpoints EndpointsOf(int slot) => endpoints[slot];

    /// <summary>
    /// Creates a database on the server of <paramref name="serverConnectionString"/>, starts <paramref name="silos"/>
    /// silos one after the other (the first applies the schema) and connects a client.
    /// </summary>
    /// <param name="serverConnectionString">The PostgreSQL server.</param>
    /// <param name="silos">How many silos.</param>
    /// <param name="settings">Environment settings of every silo.</param>
    /// <param name="logDirectory">Where each silo process's output goes (<c>silo-&lt;n&gt;.log</c>), if anywhere.</param>
    /// <param name="progress">Where to say what happens.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    public static async Task<ChaosCluster> StartAsync(string serverConnectionString, int silos, IReadOnlyDictionary<string, string> settings, string? logDirectory, TextWriter progress, CancellationToken cancellationToken)
    {
        var name = $"sos_chaos_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(serverConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        // Each silo gets at most 20 connections (Npgsql's default is 100 per process), so three silos under load stay
        // within PostgreSQL's default max_connections of 100 beside whatever else uses the server.
        var builder = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name };
        if (builder.MaxPoolSize == new NpgsqlConnectionStringBuilder().MaxPoolSize)
        {
            builder.MaxPoolSize = 20;
        }

        var database = builder.ConnectionString;
        var cluster = new ChaosCluster(serverConnectionString, name, database, $"chaos-{Guid.NewGuid():N}", silos, settings, logDirectory);
        try
        {
            for (var slot = 0; slot < silos; slot++)
            {
                var clock = Stopwatch.StartNew();
                await cluster.StartSiloAsync(slot);
                await progress.WriteLineAsync($"silo {slot + 1} started in {clock.Elapsed.TotalSeconds:0.0} s (silo port {cluster.endpoints[slot].SiloPort}, device API {cluster.endpoints[slot].DeviceApi})");
            }

            await cluster.ConnectAsync(cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The slot of the silo that holds the activation of <paramref name="grain"/>, or null when none does.</summary>
    public async Task<int?> SlotHoldingAsync(IAddressable grain)
    {
        var address = await Client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain);
        return address is null ? null : SlotOf(address);
    }

    /// <summary>The slot whose ports <paramref name="silo"/> has.</summary>
    public int? SlotOf(SiloAddress silo)
    {
        var slot = Array.FindIndex(endpoints, e => e.SiloPort == silo.Endpoint.Port);
        return slot < 0 ? null : slot;
    }

    /// <summary>The address (with generation) of the silo running in <paramref name="slot"/>, as the membership lists it.</summary>
    public async Task<SiloAddress> AddressOfAsync(int slot)
    {
        var hosts = await Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        return hosts.Keys.Where(s => s.Endpoint.Port == endpoints[slot].SiloPort).MaxBy(s => s.Generation)
            ?? throw new InvalidOperationException($"No active silo on port {endpoints[slot].SiloPort}.");
    }

    /// <summary>Kills the silo of <paramref name="slot"/> with SIGKILL and returns when it was killed.</summary>
    public async Task<DateTimeOffset> KillAsync(int slot)
    {
        var silo = silos[slot] ?? throw new InvalidOperationException($"Slot {slot} has no silo.");
        var killedAt = DateTimeOffset.UtcNow;
        await silo.KillAsync();
        await silo.DisposeAsync();
        silos[slot] = null;
        return killedAt;
    }

    /// <summary>
    /// Waits until a live silo has declared <paramref name="silo"/> dead in the membership table (read through the
    /// management grain; this is the harness observing, not part of what it measures) and returns when it saw that.
    /// </summary>
    public async Task<DateTimeOffset> WaitDeclaredDeadAsync(SiloAddress silo, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(DeathTimeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            try
            {
                var hosts = await Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: false);
                if (hosts.TryGetValue(silo, out var status) && status == SiloStatus.Dead)
                {
                    return DateTimeOffset.UtcNow;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The management call went to the dead silo's gateway or timed out: ask again.
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"Silo {silo} was not declared dead within {DeathTimeout.TotalSeconds:0} s.");
            }

            await Task.Delay(Poll, cancellationToken);
        }
    }

    /// <summary>Starts a new silo process in an empty slot, on the slot's ports.</summary>
    public async Task StartSiloAsync(int slot)
    {
        if (silos[slot] is not null)
        {
            throw new InvalidOperationException($"Slot {slot} already runs a silo.");
        }

        var number = Interlocked.Increment(ref started);
        var logFile = logDirectory is null ? null : Path.Combine(logDirectory, $"silo-{number}-slot-{slot + 1}.log");
        silos[slot] = await SiloProcess.StartClusterSiloAsync(endpoints[slot], ConnectionString, clusterId, settings, logFile);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (client is not null)
        {
            try
            {
                using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await client.StopAsync(stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or OrleansException)
            {
            }

            client.Dispose();
        }

        for (var slot = 0; slot < silos.Length; slot++)
        {
            if (silos[slot] is { } silo)
            {
                await silo.DisposeAsync();
                silos[slot] = null;
            }
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {databaseName} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sos:Mode"] = nameof(SosMode.Cluster),
            ["ConnectionStrings:Sos"] = ConnectionString,
            ["Sos:Silo:ClusterId"] = clusterId,
            ["Sos:Silo:ServiceId"] = clusterId,
        });
        builder.Configuration.AddInMemoryCollection(ClusterCertificates.Shared.Settings(ClusterCertificates.Client)!);
        builder.UseOrleansClient(orleans =>
        {
            orleans.UseSosClient();

            // A request sent through the gateway of a silo that then died gets no answer (the client does not fail it
            // when the connection drops): give up on it after 3 s, not Orleans' 30, and let the bot try again.
            orleans.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(3));

            // Use a restarted silo's gateway soon after it joins.
            orleans.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
        });
        client = builder.Build();
        using var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connecting.CancelAfter(TimeSpan.FromSeconds(30));
        await client.StartAsync(connecting.Token);
    }

    /// <summary>Settings every chaos silo gets: Cluster mode is set by <see cref="SiloProcess"/>; logs only warnings.</summary>
    public static Dictionary<string, string> DefaultSettings() => new()
    {
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__Console__TimestampFormat"] = "HH:mm:ss.fff ",
        ["Logging__Console__UseUtcTimestamp"] = "true",
        ["Sos__Silo__AdvertisedAddress"] = "127.0.0.1",
    };
}
