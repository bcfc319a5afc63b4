using Sos.Grains.Abstractions;

namespace Sos.Simulator;

/// <summary>What one simulator run does.</summary>
public sealed record SimulationOptions
{
    /// <summary>The device API (<c>--url</c>); setting it makes it the only one.</summary>
    public Uri Url
    {
        get => Urls[0];
        init => Urls = [value];
    }

    /// <summary>
    /// The device APIs of every silo. Kiosk <c>i</c> sends each request to API <c>i mod n</c> first; a request that
    /// gets no answer or a 503 is sent again, with the same press id, to the next one.
    /// </summary>
    public IReadOnlyList<Uri> Urls { get; init; } = [new("http://127.0.0.1:5080")];

    /// <summary>How long presses are sent (<c>--duration</c>, seconds).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Presses per second over all kiosks (<c>--rate</c>).</summary>
    public double Rate { get; init; } = 1;

    /// <summary>Simulated kiosks (<c>--kiosks</c>).</summary>
    public int Kiosks { get; init; } = 50;

    /// <summary>Operator bots (<c>--operators</c>).</summary>
    public int Operators { get; init; } = 3;

    /// <summary>Seed of every random choice (<c>--seed</c>): the same seed makes the same presses, retries and cancels.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Prefix of the simulator's kiosk ids and bot logins (<c>--prefix</c>): kiosks <c>&lt;prefix&gt;-001</c>…, bots
    /// <c>&lt;prefix&gt;-bot-1</c>…. A run registers its kiosks (or updates them) and issues them fresh secrets.
    /// </summary>
    public string Prefix { get; init; } = "sim";

    /// <summary>The operations centre of the kiosks and bots (<c>--centre</c>).</summary>
    public string CentreId { get; init; } = SosConstants.DefaultCentreId;

    /// <summary>How long a bot lets a call ring before it answers, on average (<c>--accept-delay</c>, seconds; ±50 %).</summary>
    public TimeSpan AcceptDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a bot talks, on average (<c>--talk</c>, seconds; ±50 %).</summary>
    public TimeSpan TalkTime { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How often a bot reads its operator's state when no change notification woke it (notifications are hints: one
    /// lost with a silo must not leave a call ringing unnoticed).
    /// </summary>
    public TimeSpan BotPoll { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Share of rings a bot lets time out (<c>--miss-rate</c>).</summary>
    public double MissRate { get; init; } = 0.05;

    /// <summary>Share of new calls the person hangs up on within a second (<c>--cancel-rate</c>).</summary>
    public double CancelRate { get; init; } = 0.05;

    /// <summary>Share of presses sent again with the same press id after their answer, as after a lost response (<c>--retry-rate</c>).</summary>
    public double RetryRate { get; init; } = 0.1;

    /// <summary>Each kiosk's heartbeat interval (<c>--heartbeat</c>, seconds); the kiosks are registered with it.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long, after the last press, the run waits for every acknowledged call to be answered (<c>--drain</c>, seconds).</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The kiosk ids of this run.</summary>
    public IReadOnlyList<string> KioskIds => [.. Enumerable.Range(1, Kiosks).Select(i => $"{Prefix}-{i:000}")];

    /// <summary>The bot logins of this run.</summary>
    public IReadOnlyList<string> BotLogins => [.. Enumerable.Range(1, Operators).Select(j => $"{Prefix}-bot-{j}")];
}
