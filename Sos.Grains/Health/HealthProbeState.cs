namespace Sos.Grains.Health;

/// <summary>What the readiness probe writes: when it last wrote.</summary>
/// <param name="WrittenAt">When the probe last wrote.</param>
[GenerateSerializer, Alias("Sos.HealthProbeState")]
public sealed record HealthProbeState([property: Id(0)] DateTimeOffset WrittenAt);
