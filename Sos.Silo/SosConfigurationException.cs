namespace Sos.Silo;

/// <summary>
/// A setting Sos cannot start with (a Cluster mode without its connection string, a mode that does not exist). The
/// hosts end with this message on one line and exit code 2, not with a stack trace.
/// </summary>
public sealed class SosConfigurationException(string message) : Exception(message)
{
    /// <summary>The exit code of a host that could not start for this reason.</summary>
    public const int ExitCode = 2;

    /// <summary>
    /// Runs a host's start-up; a configuration mistake (thrown directly or wrapped by the framework) is written as one
    /// line to standard error and ends the process with <see cref="ExitCode"/>.
    /// </summary>
    public static async Task<int> RunAsync(Func<Task<int>> host)
    {
        try
        {
            return await host();
        }
        catch (Exception exception) when (Find(exception) is { } mistake)
        {
            await System.Console.Error.WriteLineAsync($"Sos cannot start: {mistake.Message}");
            return ExitCode;
        }
    }

    private static SosConfigurationException? Find(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is SosConfigurationException mistake)
            {
                return mistake;
            }

            if (exception is AggregateException { InnerExceptions.Count: 1 } single)
            {
                exception = single;
            }
        }

        return null;
    }
}
