using System.Text;
using System.Text.Json.Serialization;

namespace Sos.Simulator;

/// <summary>What a simulator run did and what the grains say came of it.</summary>
/// <param name="Seed">The seed of the run.</param>
/// <param name="Kiosks">Kiosks simulated.</param>
/// <param name="Operators">Operator bots.</param>
/// <param name="DurationSeconds">Seconds of presses.</param>
/// <param name="PressesSent">Presses sent (each press id once).</param>
/// <param name="PressesAcknowledged">Press ids answered 202.</param>
/// <param name="PressesRetried">Requests sent again with a press id already sent (after a 503, an error, or on purpose).</param>
/// <param name="PressesFailed">Press ids never acknowledged, however often retried.</param>
/// <param name="CallsCreated">Distinct calls the acknowledged presses opened.</param>
/// <param name="CallsAnswered">Of these, calls an operator answered.</param>
/// <param name="CallsAbandoned">Of these, calls the person hung up on before an answer.</param>
/// <param name="AcknowledgedNeverAnswered">Acknowledged presses whose call was neither answered nor abandoned by the end: must be 0.</param>
/// <param name="DuplicateCalls">Press ids that got more than one call: must be 0.</param>
/// <param name="CancelsSent">Cancels sent.</param>
/// <param name="HeartbeatsSent">Heartbeats sent.</param>
/// <param name="HeartbeatsFailed">Heartbeats not answered 204.</param>
/// <param name="RingsMissed">Rings the bots let time out on purpose.</param>
/// <param name="PressToAck">Press sent → 202.</param>
/// <param name="PressToRing">Opening press sent → the call first rings an operator.</param>
/// <param name="PressToAnswer">Opening press sent → an operator answers.</param>
/// <param name="CallIds">Every call the run's presses were acknowledged with, for checks against grain state.</param>
public sealed record SimulationSummary(
    int Seed,
    int Kiosks,
    int Operators,
    double DurationSeconds,
    long PressesSent,
    long PressesAcknowledged,
    long PressesRetried,
    long PressesFailed,
    long CallsCreated,
    long CallsAnswered,
    long CallsAbandoned,
    long AcknowledgedNeverAnswered,
    long DuplicateCalls,
    long CancelsSent,
    long HeartbeatsSent,
    long HeartbeatsFailed,
    long RingsMissed,
    LatencySummary PressToAck,
    LatencySummary PressToRing,
    LatencySummary PressToAnswer,
    [property: JsonIgnore] IReadOnlyList<Guid> CallIds)
{
    /// <summary>Press requests answered 503 (or another 5xx): not acknowledged, sent again with the same press id.</summary>
    public long Unavailable { get; init; }

    /// <summary>Press requests that got no answer (connection refused or reset, timeout): sent again with the same press id.</summary>
    public long Unanswered { get; init; }

    /// <summary>Every acknowledged press id with its call and when the acknowledgement arrived, oldest first.</summary>
    [JsonIgnore]
    public IReadOnlyList<PressAcknowledgement> Acknowledgements { get; init; } = [];

    /// <summary>Calls the simulated people hung up on (<c>--cancel-rate</c>).</summary>
    [JsonIgnore]
    public IReadOnlyList<Guid> CancelledCalls { get; init; } = [];

    /// <summary>No acknowledged press was lost and no press id got two calls.</summary>
    public bool Passed => AcknowledgedNeverAnswered == 0 && DuplicateCalls == 0;

    /// <summary>The summary as a table for people.</summary>
    public string ToTable()
    {
        var table = new StringBuilder();
        table.AppendLine($"Sos simulator: {Kiosks} kiosks, {Operators} operator bots, {DurationSeconds:0.#} s, seed {Seed}");
        Row("presses sent", PressesSent);
        Row("presses acknowledged", PressesAcknowledged);
        Row("presses retried", PressesRetried);
        Row("presses failed", PressesFailed);
        Row("press requests answered 503", Unavailable);
        Row("press requests not answered", Unanswered);
        Row("calls created", CallsCreated);
        Row("calls answered", CallsAnswered);
        Row("calls abandoned", CallsAbandoned);
        Row("acknowledged, never answered", AcknowledgedNeverAnswered, "must be 0");
        Row("duplicate calls for one press id", DuplicateCalls, "must be 0");
        Row("cancels sent", CancelsSent);
        Row("heartbeats sent", HeartbeatsSent);
        Row("heartbeats failed", HeartbeatsFailed);
        Row("rings missed by bots", RingsMissed);
        table.AppendLine($"  {"press → ack",-34} {PressToAck}");
        table.AppendLine($"  {"press → ring",-34} {PressToRing}");
        table.AppendLine($"  {"press → answer",-34} {PressToAnswer}");
        table.AppendLine(Passed ? "PASSED: every acknowledged press reached an operator or was hung up on; no press id got two calls." : "FAILED: see the rows marked 'must be 0'.");
        return table.ToString();

        void Row(string name, long value, string? note = null) =>
            table.AppendLine($"  {name,-34} {value,8}{(note is null ? string.Empty : $"   ({note})")}");
    }
}
