namespace Sos.Simulator.Chaos;

/// <summary>What one kill did to the calls.</summary>
/// <param name="Number">1 for the first kill.</param>
/// <param name="Scenario">Which silo was chosen.</param>
/// <param name="Silo">The killed silo's address and generation.</param>
/// <param name="DetectionSeconds">Kill → the cluster declared the silo dead.</param>
/// <param name="RestartSeconds">Kill → its replacement had started.</param>
/// <param name="AffectedCalls">Calls waiting (queued or ringing) at the kill, or acknowledged before the silo was declared dead.</param>
/// <param name="FailoverSeconds">Kill → every affected call ringing an operator again or answered; null when one never did.</param>
/// <param name="SlowestCallId">The affected call that took longest.</param>
/// <param name="SlowestCall">That call's timeline, in seconds from the kill, for an investigation.</param>
/// <param name="AcknowledgedInOutage">Presses acknowledged between the kill and the silo declared dead (by surviving silos).</param>
public sealed record KillResult(int Number, ChaosScenario Scenario, string Silo, double DetectionSeconds, double RestartSeconds, int AffectedCalls, double? FailoverSeconds, Guid? SlowestCallId, string? SlowestCall, int AcknowledgedInOutage);
