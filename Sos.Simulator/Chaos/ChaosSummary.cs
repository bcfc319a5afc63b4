using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;

namespace Sos.Simulator.Chaos;

/// <summary>What a chaos run did and what came of it.</summary>
public sealed record ChaosSummary
{
    /// <summary>The seed of the run.</summary>
    public int Seed { get; init; }

    /// <summary>Silo processes kept running.</summary>
    public int Silos { get; init; }

    /// <summary>Kiosks simulated.</summary>
    public int Kiosks { get; init; }

    /// <summary>Operator bots.</summary>
    public int Operators { get; init; }

    /// <summary>Offered presses per second.</summary>
    public double Rate { get; init; }

    /// <summary>Seconds of presses.</summary>
    public double DurationSeconds { get; init; }

    /// <summary>Press ids sent.</summary>
    public long PressesSent { get; init; }

    /// <summary>Press ids acknowledged (202).</summary>
    public long Acknowledged { get; init; }

    /// <summary>Press ids never acknowledged within the kiosk's 30 s of retries.</summary>
    public long PressesFailed { get; init; }

    /// <summary>Press requests sent again with a press id already sent.</summary>
    public long PressesRetried { get; init; }

    /// <summary>Press requests answered 503 (not acknowledged; retried with the same press id).</summary>
    public long Responses503 { get; init; }

    /// <summary>Press requests that got no answer (refused, reset, timed out; retried on the next silo).</summary>
    public long Unanswered { get; init; }

    /// <summary>Distinct calls the acknowledged presses opened.</summary>
    public long CallsCreated { get; init; }

    /// <summary>Of these, calls an operator answered.</summary>
    public long CallsAnswered { get; init; }

    /// <summary>Acknowledged presses whose call never reached an operator: must be 0.</summary>
    public long Lost { get; init; }

    /// <summary>Calls no press asked for (a press id with two calls): must be 0.</summary>
    public long Duplicates { get; init; }

    /// <summary>Silos killed with SIGKILL.</summary>
    public int Kills { get; init; }

    /// <summary>Median over the kills of kill → every affected call ringing an operator again or answered.</summary>
    public double? FailoverSecondsP50 { get; init; }

    /// <summary>Largest over the kills of kill → every affected call ringing an operator again or answered.</summary>
    public double? FailoverSecondsMax { get; init; }

    /// <summary>Median over the kills of kill → the silo declared dead by the cluster.</summary>
    public double DetectionSecondsP50 { get; init; }

    /// <summary>Calls affected by a kill (waiting at it, or acknowledged before the silo was declared dead), over all kills.</summary>
    public int AffectedCalls { get; init; }

    /// <summary>Median over the affected calls of kill → ringing again or answered.</summary>
    public double CallFailoverSecondsP50 { get; init; }

    /// <summary>99th percentile over the affected calls of kill → ringing again or answered.</summary>
    public double CallFailoverSecondsP99 { get; init; }

    /// <summary>Press sent → 202, over the whole run.</summary>
    public required LatencySummary PressToAck { get; init; }

    /// <summary>Opening press sent → first ring, over the whole run.</summary>
    public required LatencySummary PressToRing { get; init; }

    /// <summary>A call opened → it first rang an operator, by the call's own timeline (server clock), over the whole run.</summary>
    public required LatencySummary OpenToRing { get; init; }

    /// <summary>The same over the calls no kill touched (see <see cref="ChaosAnalysis.OutsideKills"/>).</summary>
    public required LatencySummary OpenToRingOutsideKills { get; init; }

    /// <summary>Every kill.</summary>
    public IReadOnlyList<KillResult> KillLog { get; init; } = [];

    /// <summary>Up to ten lost presses, for the investigation.</summary>
    public IReadOnlyList<string> LostExamples { get; init; } = [];

    /// <summary>No acknowledged press was lost and no press id got two calls.</summary>
    public bool Passed => Lost == 0 && Duplicates == 0;

    /// <summary>The summary as a table for people.</summary>
    public string ToTable()
    {
        var table = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        table.AppendLine(invariant, $"Sos chaos run: {Silos} silos, {Kiosks} kiosks, {Operators} operator bots, {Rate:0.#} presses/s for {DurationSeconds:0.#} s, {Kills} kills, seed {Seed}");
        Row("presses sent", PressesSent);
        Row("presses acknowledged", Acknowledged);
        Row("presses never acknowledged", PressesFailed);
        Row("press requests retried", PressesRetried);
        Row("press requests answered 503", Responses503);
        Row("press requests not answered", Unanswered);
        Row("calls created", CallsCreated);
        Row("calls answered", CallsAnswered);
        Row("lost (acknowledged, never answered)", Lost, "must be 0");
        Row("duplicates (calls no press asked for)", Duplicates, "must be 0");
        table.AppendLine(invariant, $"  {"press → ack",-40} {PressToAck}");
        table.AppendLine(invariant, $"  {"press → ring",-40} {PressToRing}");
        table.AppendLine(invariant, $"  {"call opened → ringing (call timeline)",-40} {OpenToRing}");
        table.AppendLine(invariant, $"  {"  … outside the kills",-40} {OpenToRingOutsideKills}");
        table.AppendLine();
        table.AppendLine("  kill  silo killed                      detected  restarted  acked in outage  affected calls  failover");
        foreach (var kill in KillLog)
        {
            var failover = kill.FailoverSeconds is { } seconds ? seconds.ToString("0.00 's'", invariant) : "never";
            table.AppendLine(invariant, $"  {kill.Number,4}  {Describe(kill),-31} {kill.DetectionSeconds,7:0.00} s {kill.RestartSeconds,8:0.0} s {kill.AcknowledgedInOutage,16} {kill.AffectedCalls,15}  {failover,8}");
        }

        foreach (var kill in KillLog.Where(k => k.SlowestCall is not null))
        {
            table.AppendLine(invariant, $"  kill {kill.Number} slowest call {kill.SlowestCallId}: {kill.SlowestCall}");
        }

        table.AppendLine(invariant, $"  failover over the kills: p50 {Seconds(FailoverSecondsP50)}, max {Seconds(FailoverSecondsMax)}; detection p50 {DetectionSecondsP50:0.00} s");
        table.AppendLine(invariant, $"  failover over the {AffectedCalls} affected calls: p50 {CallFailoverSecondsP50:0.00} s, p99 {CallFailoverSecondsP99:0.00} s");
        foreach (var example in LostExamples)
        {
            table.AppendLine(invariant, $"  lost: {example}");
        }

        table.AppendLine(Passed
            ? "PASSED: every acknowledged press reached an operator; no press id got two calls."
            : "FAILED: see the rows marked 'must be 0'.");
        return table.ToString();

        void Row(string name, long value, string? note = null) =>
            table.AppendLine(invariant, $"  {name,-40} {value,8}{(note is null ? string.Empty : $"   ({note})")}");

        static string Seconds(double? value) => value is { } seconds ? seconds.ToString("0.00 's'", CultureInfo.InvariantCulture) : "never";

        static string Describe(KillResult kill) =>
            (kill.Scenario == ChaosScenario.RoutingSilo ? "routing " : "other ") + kill.Silo;
    }

    /// <summary>The call ids of the run, for checks against grain state (not printed).</summary>
    [JsonIgnore]
    public IReadOnlyList<Guid> CallIds { get; init; } = [];
}
