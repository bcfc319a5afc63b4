using System.Globalization;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Sos.Grains.Media;

namespace Sos.Silo.Media;

/// <summary>
/// The configuration the embedded Janus runs with, written by Sos on every start: the HTTP API on 127.0.0.1 only,
/// no admin API, no WebSocket or other transports, only the VideoRoom plugin (calls), the Streaming plugin (kiosks' RTSP
/// cameras), the SIP plugin (SIP intercoms' voice) and the EchoTest plugin (kiosks' test calls, see MediaLoopback), rooms and mountpoints created only with the admin key,
/// string room ids (a call's id names its room), media offered on one address only, IPv4, no mDNS.
/// </summary>
public static class JanusConfiguration
{
    /// <summary>The plugins Janus ships that Sos does not use: switched off.</summary>
    private static readonly string[] UnusedPlugins =
    [
        "libjanus_audiobridge.so", "libjanus_duktape.so", "libjanus_lua.so", "libjanus_nosip.so",
        "libjanus_recordplay.so", "libjanus_textroom.so", "libjanus_videocall.so",
        "libjanus_voicemail.so",
    ];

    private static readonly string[] UnusedTransports =
        ["libjanus_websockets.so", "libjanus_pfunix.so", "libjanus_mqtt.so", "libjanus_nanomsg.so", "libjanus_rabbitmq.so"];

    private static readonly string[] UnusedHandlers =
        ["libjanus_gelfevh.so", "libjanus_mqttevh.so", "libjanus_nanomsgevh.so", "libjanus_rabbitmqevh.so", "libjanus_sampleevh.so", "libjanus_wsevh.so"];

    /// <summary>Writes the configuration into <paramref name="directory"/>; returns the main file's path.</summary>
    public static string Write(string directory, MediaOptions options, string address, string adminKey)
    {
        Directory.CreateDirectory(directory);
        var main = Path.Combine(directory, "janus.jcfg");
        var lib = LibraryFolder();
        File.WriteAllText(main, string.Create(CultureInfo.InvariantCulture, $$"""
            general: {
              configs_folder = "{{directory}}"
              plugins_folder = "{{lib}}/plugins"
              transports_folder = "{{lib}}/transports"
              events_folder = "{{lib}}/events"
              loggers_folder = "{{lib}}/loggers"
              debug_level = 3
              debug_timestamps = false
              debug_colors = false
              session_timeout = 30
              admin_secret = "{{adminKey}}"
              protected_folders = [ "/bin", "/boot", "/dev", "/etc", "/lib", "/proc", "/sbin", "/sys", "/usr" ]
            }
            media: {
              ipv6 = false
              rtp_port_range = "{{options.RtpPorts}}"
            }
            nat: {
              ice_enforce_list = "{{address}}"
              ignore_mdns = true
            }
            plugins: { disable = "{{string.Join(',', UnusedPlugins)}}" }
            transports: { disable = "{{string.Join(',', UnusedTransports)}}" }
            events: { broadcast = false disable = "{{string.Join(',', UnusedHandlers)}}" }
            loggers: { disable = "libjanus_jsonlog.so" }
            """));
        File.WriteAllText(Path.Combine(directory, "janus.transport.http.jcfg"), string.Create(CultureInfo.InvariantCulture, $$"""
            general: {
              json = "plain"
              base_path = "/janus"
              http = true
              port = {{options.Janus.Port}}
              ip = "127.0.0.1"
              https = false
            }
            admin: { admin_http = false admin_https = false }
            """));
        File.WriteAllText(Path.Combine(directory, "janus.plugin.videoroom.jcfg"), $$"""
            general: {
              admin_key = "{{adminKey}}"
              string_ids = true
            }
            """);

        // Kiosks' RTSP cameras: mountpoints made only with the admin key, named by their call, on their own ports.
        File.WriteAllText(Path.Combine(directory, "janus.plugin.streaming.jcfg"), $$"""
            general: {
              admin_key = "{{adminKey}}"
              string_ids = true
              rtp_port_range = "{{options.CameraRtpPorts}}"
            }
            """);

        // SIP intercoms' voice: the SIP stack and its media on the media address, on their own ports; no registration
        // keep-alives (Sos calls stations as a guest).
        File.WriteAllText(Path.Combine(directory, "janus.plugin.sip.jcfg"), $$"""
            general: {
              local_ip = "{{address}}"
              local_media_ip = "{{address}}"
              sdp_ip = "{{address}}"
              keepalive_interval = 0
              behind_nat = false
              user_agent = "Sos"
              register_ttl = 3600
              rtp_port_range = "{{options.SipRtpPorts}}"
              sip_timer_t1x64 = 32000
              events = false
            }
            """);
        return main;
    }

    /// <summary>
    /// The address media is offered on: <see cref="MediaOptions.Address"/>, or the host's first non-loopback IPv4
    /// address that is up (Janus never offers media on loopback). Null when the host has none.
    /// </summary>
    public static string? MediaAddress(MediaOptions options)
    {
        if (options.Address is { Length: > 0 } configured)
        {
            return configured;
        }

        return NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !System.Net.IPAddress.IsLoopback(a))
            ?.ToString();
    }

    private static string LibraryFolder()
    {
        foreach (var candidate in new[] { "/usr/lib/x86_64-linux-gnu/janus", "/usr/lib/aarch64-linux-gnu/janus", "/usr/lib/janus", "/opt/janus/lib/janus" })
        {
            if (Directory.Exists(Path.Combine(candidate, "plugins")))
            {
                return candidate;
            }
        }

        return "/usr/lib/x86_64-linux-gnu/janus";
    }
}
