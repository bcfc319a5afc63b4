using Sos.Grains.Abstractions;

namespace Sos.Tests.Infrastructure;

/// <summary>
/// Open dispatcher consoles, as far as Sos can tell: each reports in to its operator's grain every second until
/// disposed, and a report that fails (a silo just died under it) is simply sent again at the next beat, as a console's.
/// </summary>
public sealed class OpenConsoles : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task beating;

    private OpenConsoles(IGrainFactory grains, IReadOnlyList<string> logins) => beating = BeatAsync(grains, logins, stop.Token);

    /// <summary>Opens a console for each login.</summary>
    public static OpenConsoles For(IGrainFactory grains, params string[] logins) => new(grains, logins);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await beating;
        stop.Dispose();
    }

    private static async Task BeatAsync(IGrainFactory grains, IReadOnlyList<string> logins, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            do
            {
                foreach (var login in logins)
                {
                    try
                    {
                        await grains.GetOperator(login).HeartbeatAsync().WaitAsync(TimeSpan.FromSeconds(1), stop);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException || !stop.IsCancellationRequested)
                    {
                        // No answer now: the next beat tries again.
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
