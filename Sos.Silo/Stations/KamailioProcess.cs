using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sos.Grains.Media;
using Sos.Grains.Stations;
using Sos.Silo.Media;

namespace Sos.Silo.Stations;

/// <summary>
/// The embedded mode's own SIP server for supervising SIP intercoms: Debian's <c>kamailio</c> with a configuration Sos
/// writes on every start — SIP over UDP on the media address (<c>Sos:Stations:SipPort</c>), its <c>keepalive</c> module
/// sending each station an OPTIONS every <c>Sos:Stations:ProbeInterval</c>, and JSON-RPC on 127.0.0.1 only
/// (<c>Sos:Stations:RpcPort</c>) for Sos to add stations and read their state. It takes no calls (every request gets a
/// 403). When kamailio is not installed the host says so and SIP intercoms go Offline unless a gateway sends heartbeats.
/// </summary>
public sealed class KamailioProcess(IOptions<StationOptions> options, IOptions<MediaOptions> media, SosHostOptions host, ILogger<KamailioProcess> logger) : IHostedService, IAsyncDisposable
{
    private readonly SupervisedProcess process = new(
        "kamailio",
        line => line.Contains("ERROR", StringComparison.Ordinal) || line.Contains("CRITICAL", StringComparison.Ordinal),
        _ => { },
        logger);

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var stations = options.Value;
        if (SupervisedProcess.Find(stations.Executable) is not { } executable)
        {
            logger.LogWarning("kamailio is not installed, so SIP intercoms are not supervised by SIP OPTIONS (they go Offline unless a gateway sends heartbeats): run scripts/run.sh, or apt-get install kamailio");
            return Task.CompletedTask;
        }

        if (JanusConfiguration.MediaAddress(media.Value) is not { } address)
        {
            logger.LogWarning("The host has no non-loopback IPv4 address for SIP: set Sos:Media:Address; SIP intercoms are not supervised");
            return Task.CompletedTask;
        }

        var directory = Path.Combine(Path.GetFullPath(host.DataDirectory), "kamailio");
        Directory.CreateDirectory(directory);
        var configuration = Path.Combine(directory, "kamailio.cfg");
        File.WriteAllText(configuration, Configuration(stations, media.Value, address));
        logger.LogInformation("Starting kamailio ({Executable}): SIP on {Address}:{SipPort}, JSON-RPC on 127.0.0.1:{RpcPort}", executable, address, stations.SipPort, stations.RpcPort);
        process.Start(executable, ["-f", configuration, "-DD", "-E", "-Y", directory, "-P", Path.Combine(directory, "kamailio.pid")]);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => process.StopAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => process.DisposeAsync();

    /// <summary>The configuration: OPTIONS supervision and JSON-RPC, nothing routed.</summary>
    public static string Configuration(StationOptions stations, MediaOptions media, string address)
    {
        var interval = Math.Max(1, (int)Math.Round(stations.ProbeInterval.TotalSeconds));

        // A station that does not answer within the interval counts as not answering (SIP's own retransmissions stop then).
        var timeout = Math.Max(1000, (int)Math.Min(stations.ProbeInterval.TotalMilliseconds * 0.8, 30_000));
        return string.Create(CultureInfo.InvariantCulture, $$"""
            #!KAMAILIO
            # Written by Sos on every start (Sos.Silo/Stations/KamailioProcess.cs): SIP OPTIONS supervision of SIP intercoms.
            debug=1
            log_stderror=yes
            fork=yes
            children=1
            tcp_children=1
            auto_aliases=no
            server_header="Server: Sos"
            user_agent_header="User-Agent: Sos"
            listen=udp:{{address}}:{{stations.SipPort}}
            listen=tcp:127.0.0.1:{{stations.RpcPort}}
            tcp_accept_no_cl=yes
            mpath="/usr/lib/x86_64-linux-gnu/kamailio/modules/:/usr/lib/aarch64-linux-gnu/kamailio/modules/:/usr/lib/kamailio/modules/"
            loadmodule "tm.so"
            loadmodule "sl.so"
            loadmodule "pv.so"
            loadmodule "xhttp.so"
            loadmodule "jsonrpcs.so"
            loadmodule "keepalive.so"
            modparam("tm", "fr_timer", {{timeout}})
            modparam("jsonrpcs", "transport", 1)
            modparam("keepalive", "ping_interval", {{interval}})
            modparam("keepalive", "ping_from", "{{media.SipIdentity}}")
            request_route {
                sl_send_reply("403", "Forbidden");
                exit;
            }
            event_route[xhttp:request] {
                if ($Ri != "127.0.0.1") {
                    xhttp_reply("403", "Forbidden", "text/plain", "");
                    exit;
                }
                jsonrpc_dispatch();
            }
            """);
    }
}
