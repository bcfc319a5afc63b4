namespace Sos.Simulator.Chaos;

/// <summary>One SIGKILL of a silo during a chaos run.</summary>
/// <param name="Number">1 for the first kill.</param>
/// <param name="Scenario">Which silo was chosen.</param>
/// <param name="Slot">The silo slot (0-based); the restarted silo kept its ports.</param>
/// <param name="Silo">The killed silo's address and generation.</param>
/// <param name="KilledAt">When the harness sent SIGKILL.</param>
/// <param name="DeclaredDeadAt">When the cluster was seen to have declared it dead.</param>
/// <param name="RestartedAt">When its replacement had started.</param>
public sealed record SiloKill(int Number, ChaosScenario Scenario, int Slot, string Silo, DateTimeOffset KilledAt, DateTimeOffset DeclaredDeadAt, DateTimeOffset RestartedAt);
