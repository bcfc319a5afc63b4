using System.Diagnostics;

namespace Sos.Simulator.Chaos;

/// <summary>Finds the PostgreSQL server of a chaos run when none is given: the local one the test command starts.</summary>
public static class ChaosPostgres
{
    /// <summary>The repository root: the first directory upwards from here (or from the current directory) with <c>Sos.sln</c>.</summary>
    public static string? RepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Sos.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Runs <c>scripts/postgres.sh</c> of the repository (installs PostgreSQL when missing, starts it, creates the role)
    /// and returns the connection string it prints.
    /// </summary>
    public static async Task<string> StartLocalServerAsync(CancellationToken cancellationToken)
    {
        var root = RepositoryRoot() ?? throw new InvalidOperationException("Sos.sln was not found above the simulator or the current directory: pass --postgres <connection string>.");
        var info = new ProcessStartInfo("bash", [Path.Combine(root, "scripts", "postgres.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        using var script = Process.Start(info)!;
        var stdout = script.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = script.StandardError.ReadToEndAsync(cancellationToken);
        await script.WaitForExitAsync(cancellationToken);
        var printed = (await stdout).Trim();
        if (script.ExitCode != 0 || printed.Length == 0)
        {
            throw new InvalidOperationException($"scripts/postgres.sh failed (exit code {script.ExitCode}): {await stderr}");
        }

        return printed.Split('\n')[^1].Trim();
    }
}
