namespace Sos.Simulator.Chaos;

/// <summary>What one chaos run does (<c>Sos.Simulator chaos</c>).</summary>
public sealed record ChaosOptions
{
    /// <summary>Silo processes kept running (a killed one is started again on its ports).</summary>
    public int Silos { get; init; } = 3;

    /// <summary>Seconds of presses (<c>--duration</c>).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Presses per second over all kiosks (<c>--rate</c>).</summary>
    public double Rate { get; init; } = 20;

    /// <summary>Simulated kiosks, spread over every silo's device API (<c>--kiosks</c>).</summary>
    public int Kiosks { get; init; } = 100;

    /// <summary>Operator bots (<c>--operators</c>): enough that a call rarely waits for a free one.</summary>
    public int Operators { get; init; } = 40;

    /// <summary>Silos killed with SIGKILL during the presses (<c>--kills</c>); odd kills take the silo holding routing.</summary>
    public int Kills { get; init; } = 5;

    /// <summary>
    /// How long after a kill its replacement is started (once the silo was declared dead): as an orchestrator would,
    /// after the failover, so that the new process's start-up does not compete with the failover for the cores.
    /// </summary>
    public TimeSpan RestartDelay { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Seed of every random choice (<c>--seed</c>).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>How long a bot lets a call ring before it answers, on average (±50 %).</summary>
    public TimeSpan AcceptDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a bot talks, on average (±50 %).</summary>
    public TimeSpan TalkTime { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Share of presses sent again with the same press id after their answer.</summary>
    public double RetryRate { get; init; } = 0.1;

    /// <summary>How long a kiosk waits for a device API answer before it sends the press to the next silo.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long, after the last press, the run waits for every acknowledged call to be answered.</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>The PostgreSQL server (a maintenance connection string); the run creates and drops its own database.</summary>
    public required string PostgresServer { get; init; }

    /// <summary>Where each silo process's output is written (<c>--logs</c>); nowhere when null.</summary>
    public string? LogDirectory { get; init; }

    /// <summary>Extra environment settings of every silo (<c>Sos__Routing__RingTimeout</c>, …).</summary>
    public IReadOnlyDictionary<string, string> SiloSettings { get; init; } = new Dictionary<string, string>();
}
