using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Sos.Silo.Media;

/// <summary>
/// A server the embedded host runs as a child process (Janus, kamailio): started with its arguments, started again a
/// second after it exits, its output passed to the log (errors as warnings), and killed when the host stops.
/// </summary>
/// <param name="name">Its name in the log.</param>
/// <param name="isError">Whether a line it prints is an error worth a warning.</param>
/// <param name="exited">Told the exit code each time it exits (before it is started again).</param>
/// <param name="logger">Where its output and its restarts are logged.</param>
public sealed class SupervisedProcess(string name, Func<string, bool> isError, Action<int> exited, ILogger logger) : IAsyncDisposable
{
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource stopping = new();
    private Process? process;
    private Task? supervision;

    /// <summary>Where <paramref name="program"/> is: itself when it is a path that exists, else the first on the PATH (or /usr/sbin); null when not installed.</summary>
    public static string? Find(string program)
    {
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(program) ? program : null;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/sbin")
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Starts <paramref name="executable"/> with <paramref name="arguments"/> and keeps it running until <see cref="StopAsync"/>.</summary>
    public void Start(string executable, IReadOnlyList<string> arguments) =>
        supervision = Task.Run(() => SuperviseAsync(executable, arguments, stopping.Token), CancellationToken.None);

    /// <summary>Stops it and waits for its supervision to end.</summary>
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

    private async Task SuperviseAsync(string executable, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            try
            {
                using var started = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start");
                process = started;
                started.OutputDataReceived += (_, e) => Print(e.Data);
                started.ErrorDataReceived += (_, e) => Print(e.Data);
                started.BeginOutputReadLine();
                started.BeginErrorReadLine();
                await started.WaitForExitAsync(cancellationToken);
                exited(started.ExitCode);
                logger.LogWarning("{Name} exited with code {Code}; starting it again", name, started.ExitCode);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                logger.LogError(exception, "{Name} could not be started; trying again", name);
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

        if (isError(line))
        {
            logger.LogWarning("{Name}: {Line}", name, line);
        }
        else
        {
            logger.LogDebug("{Name}: {Line}", name, line);
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
