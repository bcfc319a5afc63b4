namespace Sos.Grains.Abstractions;

/// <summary>What a kiosk reports about itself in a heartbeat.</summary>
/// <param name="CameraOk">The camera works.</param>
/// <param name="AudioOk">Speaker and microphone work.</param>
/// <param name="Tampered">The tamper switch is open.</param>
/// <param name="Power">Mains or battery.</param>
/// <param name="Firmware">Firmware version, as the device reports it.</param>
[GenerateSerializer, Immutable, Alias("Sos.KioskHealth")]
public sealed record KioskHealth(
    [property: Id(0)] bool CameraOk,
    [property: Id(1)] bool AudioOk,
    [property: Id(2)] bool Tampered,
    [property: Id(3)] PowerSource Power,
    [property: Id(4)] string? Firmware)
{
    /// <summary>Whether anything in the report needs a technician's attention.</summary>
    public bool HasFault => !CameraOk || !AudioOk || Tampered || Power == PowerSource.Battery;
}
