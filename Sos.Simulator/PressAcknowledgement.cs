namespace Sos.Simulator;

/// <summary>A press the device API acknowledged (202).</summary>
/// <param name="PressId">The press id the kiosk made.</param>
/// <param name="CallId">The call it was acknowledged with.</param>
/// <param name="KioskId">The kiosk.</param>
/// <param name="AcknowledgedAt">When the kiosk received the first acknowledgement.</param>
/// <param name="Joined">Whether the press joined the kiosk's open call.</param>
public sealed record PressAcknowledgement(Guid PressId, Guid CallId, string KioskId, DateTimeOffset AcknowledgedAt, bool Joined);
