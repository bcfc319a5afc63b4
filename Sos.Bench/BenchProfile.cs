namespace Sos.Bench;

/// <summary>How long and how hard a suite runs.</summary>
/// <param name="LatencyRun">Length of each fixed-rate latency run at 100 presses/s.</param>
/// <param name="RateStep">Length of each step of the highest-sustained-rate search.</param>
/// <param name="Rates">Offered rates tried, ascending.</param>
/// <param name="ThroughputRun">Length of each closed-loop throughput run.</param>
/// <param name="HeartbeatRun">Length of the heartbeat run.</param>
/// <param name="ChaosRun">Length of the chaos run (three silo processes, kills spread over it).</param>
/// <param name="Kills">Silos killed with SIGKILL during the chaos run.</param>
public sealed record BenchProfile(TimeSpan LatencyRun, TimeSpan RateStep, double[] Rates, TimeSpan ThroughputRun, TimeSpan HeartbeatRun, TimeSpan ChaosRun, int Kills)
{
    /// <summary>About three minutes on two cores.</summary>
    public static readonly BenchProfile Quick = new(
        TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(3), [10, 20, 40, 80, 160, 320, 640, 1280], TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(32), 2);

    /// <summary>Longer runs and higher rates.</summary>
    public static readonly BenchProfile Full = new(
        TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(15), [10, 20, 40, 60, 80, 100, 150, 200, 400, 800, 1600, 3200], TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(150), 6);
}
