using System.Diagnostics;
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
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource stopping = new();
    private Process? process;
    private Task? supervision;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var media = options.Value;
        if (Executable(media.Janus.Executable) is not { } executable)
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
        supervision = Task.Run(() => SuperviseAsync(executable, configuration, directory, stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        Kill();
        if (supervision is not null)
        {
            await supervision.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Kill();
        stopping.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string? Executable(string name)
    {
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(name) ? name : null;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/sbin")
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
    }

    private async Task SuperviseAsync(string executable, string configuration, string directory, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("-C");
            start.ArgumentList.Add(configuration);
            start.ArgumentList.Add("-F");
            start.ArgumentList.Add(directory);
            try
            {
                using var started = Process.Start(start) ?? throw new InvalidOperationException("janus did not start");
                process = started;
                started.OutputDataReceived += (_, e) => Print(e.Data);
                started.ErrorDataReceived += (_, e) => Print(e.Data);
                started.BeginOutputReadLine();
                started.BeginErrorReadLine();
                await started.WaitForExitAsync(cancellationToken);
                servers.ReportEmbedded($"The media server (Janus) exited with code {started.ExitCode}; it is being restarted.");
                logger.LogWarning("Janus exited with code {Code}; starting it again", started.ExitCode);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                logger.LogError(exception, "Janus could not be started; trying again");
            }

            try
            {
                await Task.Delay(RestartDelay, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Print(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        if (line.Contains("[ERR]", StringComparison.Ordinal) || line.Contains("[FATAL]", StringComparison.Ordinal))
        {
            logger.LogWarning("janus: {Line}", line);
        }
        else
        {
            logger.LogDebug("janus: {Line}", line);
        }
    }

    private void Kill()
    {
        try
        {
            if (process is { HasExited: false } running)
            {
                running.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
    }
}
