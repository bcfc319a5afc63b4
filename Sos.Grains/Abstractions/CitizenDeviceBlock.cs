namespace Sos.Grains.Abstractions;

/// <summary>A supervisor's block of a device that abuses the citizen channel.</summary>
/// <param name="By">Who blocked it (<see cref="Actors"/>).</param>
/// <param name="At">When.</param>
/// <param name="Reason">Why, in their words.</param>
[GenerateSerializer, Immutable, Alias("Sos.CitizenDeviceBlock")]
public sealed record CitizenDeviceBlock(
    [property: Id(0)] string By,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Reason);
