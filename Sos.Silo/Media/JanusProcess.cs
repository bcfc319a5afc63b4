using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sos.Grains.Media;
using Sos.Grains.Media.Janus;

namespace Sos.Silo.Media;

/// <summary>
/// The embedded mode's own media server: starts Debian's <c>janus</c> with a configuration Sos writes (see
/// <see cref="JanusConfiguration"/>), starts it again if it exits, and stops it with the host. When Janus is not
/// installed the host runs without media and says so: calls still ring and are handled.
/// </summary>
public sealed class JanusProcess(IOptions<MediaOptions> options, JanusServers servers, SosHostOptions host, ILogger<JanusProcess> logger) : IHostedService, IAsyncDisposable
{
    private readonly SupervisedProcess process = new(
        "janus",
        line => line.Contains("[ERR]", StringComparison.Ordinal) || line.Contains("[FATAL]", StringComparison.Ordinal),
        code => servers.ReportEmbedded($"The media server (Janus) exited with code {code}; it is being restarted."),
        logger);

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var media = options.Value;
        if (SupervisedProcess.Find(media.Janus.Executable) is not { } executable)
        {
            var problem = $"Janus is not installed, so calls have no voice, video or recording: run scripts/run.sh, or apt-get install janus ({media.Janus.Executable} not found).";
            servers.ReportEmbedded(problem);
            logger.LogWarning("{Problem}", problem);
            return Task.CompletedTask;
        }

        if (JanusConfiguration.MediaAddress(media) is not { } address)
        {
            var problem = "The host has no non-loopback IPv4 address to offer media on: set Sos:Media:Address.";
            servers.ReportEmbedded(problem);
            logger.LogWarning("{Problem}", problem);
            return Task.CompletedTask;
        }

        var directory = Path.Combine(Path.GetFullPath(host.DataDirectory), "janus");
        var configuration = JanusConfiguration.Write(directory, media, address, servers.AdminKey);
        logger.LogInformation("Starting Janus ({Executable}): API on 127.0.0.1:{Port}, media on {Address} ports {Ports}", executable, media.Janus.Port, address, media.RtpPorts);
        process.Start(executable, ["-C", configuration, "-F", directory]);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => process.StopAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => process.DisposeAsync();
}
