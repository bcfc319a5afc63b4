using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sos.Grains.Media;
using Sos.Grains.Stations;
using Sos.Silo.Media;

namespace Sos.Silo.Stations;

/// <summary>
/// The embedded mode's own SIP server for SIP intercoms: Debian's <c>kamailio</c> with a configuration Sos writes on
/// every start — SIP over UDP on the media address (<c>Sos:Stations:SipPort</c>), its <c>keepalive</c> module sending
/// each station an OPTIONS every <c>Sos:Stations:ProbeInterval</c>, JSON-RPC on 127.0.0.1 only
/// (<c>Sos:Stations:RpcPort</c>) for Sos to add stations and read their state, and a station's out-of-dialog
/// <c>MESSAGE</c> or <c>INFO</c> handed to this host as a press (<see cref="SipServerEndpoints"/>, with this run's
/// <see cref="StationPressToken"/>), and the registrar of stations that register (their password asked of this host,
/// their registrations read by Sos over JSON-RPC). It is started once the host listens, since it needs the host's address. It takes
/// no calls: a station's INVITE is its press, answered 480 (Sos calls it back when an operator answers). When kamailio is not installed the host says so: SIP
/// intercoms then go Offline unless a gateway sends heartbeats, and press only through a gateway on the device API.
/// </summary>
public sealed class KamailioProcess(
    IOptions<StationOptions> options,
    IOptions<MediaOptions> media,
    SosHostOptions host,
    StationPressToken token,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<KamailioProcess> logger) : IHostedService, IAsyncDisposable
{
    private readonly SupervisedProcess process = new(
        "kamailio",
        line => line.Contains("ERROR", StringComparison.Ordinal) || line.Contains("CRITICAL", StringComparison.Ordinal),
        _ => { },
        logger);

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Start);
        return Task.CompletedTask;
    }

    private void Start()
    {
        var stations = options.Value;
        if (SupervisedProcess.Find(stations.Executable) is not { } executable)
        {
            logger.LogWarning("kamailio is not installed, so SIP intercoms are not supervised by SIP OPTIONS (they go Offline unless a gateway sends heartbeats) and cannot press over SIP: run scripts/run.sh, or apt-get install kamailio kamailio-utils-modules");
            return;
        }

        if (JanusConfiguration.MediaAddress(media.Value) is not { } address)
        {
            logger.LogWarning("The host has no non-loopback IPv4 address for SIP: set Sos:Media:Address; SIP intercoms are not supervised");
            return;
        }

        var hostUrl = HostUrl(server);
        if (hostUrl is null)
        {
            logger.LogWarning("The host listens on no http:// address kamailio can reach on 127.0.0.1, so stations cannot press over SIP nor register (OPTIONS supervision goes on)");
        }

        var directory = Path.Combine(Path.GetFullPath(host.DataDirectory), "kamailio");
        Directory.CreateDirectory(directory);
        var configuration = Path.Combine(directory, "kamailio.cfg");
        File.WriteAllText(configuration, Configuration(stations, media.Value, address, hostUrl, token.Value));
        logger.LogInformation("Starting kamailio ({Executable}): SIP on {Address}:{SipPort}, JSON-RPC on 127.0.0.1:{RpcPort}, presses and registrations to {HostUrl}", executable, address, stations.SipPort, stations.RpcPort, hostUrl);
        process.Start(executable, ["-f", configuration, "-DD", "-E", "-Y", directory, "-P", Path.Combine(directory, "kamailio.pid")]);
    }

    /// <summary>Where kamailio hands presses and registrations: this host's first http:// address, as 127.0.0.1 when it listens on every address.</summary>
    private static string? HostUrl(IServer server)
    {
        foreach (var listening in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
        {
            var binding = BindingAddress.Parse(listening);
            if (binding.Scheme != Uri.UriSchemeHttp)
            {
                continue;
            }

            var specific = IPAddress.TryParse(binding.Host.Trim('[', ']'), out var ip) && !ip.Equals(IPAddress.Any) && !ip.Equals(IPAddress.IPv6Any);
            return string.Create(CultureInfo.InvariantCulture, $"http://{(specific ? binding.Host : "127.0.0.1")}:{binding.Port}");
        }

        return null;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => process.StopAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => process.DisposeAsync();

    /// <summary>
    /// The configuration: OPTIONS supervision, JSON-RPC, a station's out-of-dialog MESSAGE, INFO or INVITE handed to this
    /// host at <paramref name="hostUrl"/> with <paramref name="pressToken"/> (answered as Sos answers: 202, or 480 to an
    /// INVITE since Sos calls the station back, 404 from no known
    /// station, 485 from one several stations could have sent, 400 for a body that is not the press code, 503
    /// otherwise), and the registrar: a station's REGISTER is checked (SIP digest) against the password this host gives
    /// for its address of record, and kept in the location table (in memory: stations register again when it restarts)
    /// that Sos reads; an OPTIONS to the server is answered, so stations that check their SIP server see it up; nothing
    /// else is taken.
    /// </summary>
    /// <param name="stations">The stations' settings.</param>
    /// <param name="media">The media settings (the SIP identity OPTIONS come from).</param>
    /// <param name="address">The address SIP listens on.</param>
    /// <param name="hostUrl">This host (<c>http://address:port</c>), or null when presses and registrations cannot be handed to it.</param>
    /// <param name="pressToken">The secret they carry.</param>
    public static string Configuration(StationOptions stations, MediaOptions media, string address, string? hostUrl, string? pressToken)
    {
        var pressUrl = hostUrl + SipServerEndpoints.PressPath;
        var registrationUrl = hostUrl + SipServerEndpoints.RegistrationPath;
        var registrations = hostUrl is null || pressToken is null
            ? """
                  xlog("L_ERR", "ERROR: the registration of $tu from $si was refused: this SIP server hands Sos no registrations\n");
                  sl_send_reply("503", "Service Unavailable");
                  exit;
              """
            : $$"""
                  $var(status) = http_client_query("{{registrationUrl}}",
                      "aor=$(tu{s.escape.param})&source=$si",
                      "Content-Type: application/x-www-form-urlencoded\r\nAuthorization: Bearer {{pressToken}}",
                      "$var(password)");
                  if ($var(status) != 200) {
                      xlog("L_ERR", "ERROR: the registration of $tu from $si was refused: Sos answered $var(status)\n");
                      if ($var(status) == 404 || $var(status) == 409) {
                          sl_send_reply("403", "Not a Registering Station");
                      } else {
                          append_to_reply("Retry-After: 5\r\n");
                          sl_send_reply("503", "Service Unavailable");
                      }
                      exit;
                  }
                  if (!pv_auth_check("$td", "$var(password)", "0", "1")) {
                      auth_challenge("$td", "1");
                      exit;
                  }
                  consume_credentials();
                  if (!save("location")) {
                      sl_reply_error();
                  }
                  exit;
              """;
        var presses = hostUrl is null || pressToken is null
            ? """
                  sl_send_reply("503", "Service Unavailable");
                  exit;
              """
            : $$"""
                  $var(pressId) = "";
                  if (is_present_hf("X-Sos-Press-Id")) {
                      $var(pressId) = $hdr(X-Sos-Press-Id);
                  }
                  $var(body) = "";
                  $var(length) = "0";
                  if (has_body() && !is_method("INVITE")) {
                      $var(body) = $rb;
                      $var(length) = $cl;
                  }
                  $var(status) = http_client_query("{{pressUrl}}",
                      "method=$rm&from=$(fu{s.escape.param})&source=$si&sourcePort=$sp&callId=$(ci{s.escape.param})&cseq=$(cs{s.escape.param})&pressId=$(var(pressId){s.escape.param})&length=$var(length)&body=$(var(body){s.encode.hexa})",
                      "Content-Type: application/x-www-form-urlencoded\r\nAuthorization: Bearer {{pressToken}}",
                      "$var(answer)");
                  if ($var(status) >= 200 && $var(status) < 300) {
                      append_to_reply("X-Sos-Call-Id: $var(answer)\r\n");
                      if (is_method("INVITE")) {
                          # The call is open and rings at the operators; the station is called back when one answers, so
                          # it must be free then: its own call ends here.
                          append_to_reply("Reason: SIP;cause=480;text=\"Sos calls back when an operator answers\"\r\n");
                          sl_send_reply("480", "Sos Calls Back");
                      } else {
                          sl_send_reply("202", "Accepted");
                      }
                      exit;
                  }
                  xlog("L_ERR", "ERROR: the press ($rm) from $fu at $si was not taken: Sos answered $var(status)\n");
                  if ($var(status) == 404) {
                      sl_send_reply("404", "Not a Known Station");
                  } else if ($var(status) == 409) {
                      sl_send_reply("485", "Ambiguous");
                  } else if ($var(status) == 400) {
                      sl_send_reply("400", "Not a Press");
                  } else {
                      append_to_reply("Retry-After: 1\r\n");
                      sl_send_reply("503", "Service Unavailable");
                  }
                  exit;
              """;

        var interval = Math.Max(1, (int)Math.Round(stations.ProbeInterval.TotalSeconds));

        // A station that does not answer within the interval counts as not answering (SIP's own retransmissions stop then).
        var timeout = Math.Max(1000, (int)Math.Min(stations.ProbeInterval.TotalMilliseconds * 0.8, 30_000));
        return string.Create(CultureInfo.InvariantCulture, $$"""
            #!KAMAILIO
            # Written by Sos on every start (Sos.Silo/Stations/KamailioProcess.cs): SIP OPTIONS supervision of SIP intercoms and their presses.
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
            loadmodule "textops.so"
            loadmodule "siputils.so"
            loadmodule "http_client.so"
            loadmodule "xlog.so"
            loadmodule "usrloc.so"
            loadmodule "registrar.so"
            loadmodule "auth.so"
            modparam("tm", "fr_timer", {{timeout}})
            modparam("jsonrpcs", "transport", 1)
            modparam("keepalive", "ping_interval", {{interval}})
            modparam("keepalive", "ping_from", "{{media.SipIdentity}}")
            modparam("http_client", "connection_timeout", 5)
            modparam("http_client", "query_result", 1)
            modparam("usrloc", "use_domain", 1)
            modparam("usrloc", "timer_interval", 5)
            modparam("registrar", "min_expires", 10)
            modparam("registrar", "max_expires", 3600)
            request_route {
                if (is_method("MESSAGE|INFO|INVITE") && !has_totag()) {
                    route(PRESS);
                }
                if (is_method("REGISTER")) {
                    route(REGISTER);
                }
                if (is_method("OPTIONS") && !has_totag()) {
                    sl_send_reply("200", "OK");
                    exit;
                }
                if (!is_method("ACK")) {
                    sl_send_reply("403", "Forbidden");
                }
                exit;
            }
            route[PRESS] {
            {{presses}}
            }
            route[REGISTER] {
            {{registrations}}
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
