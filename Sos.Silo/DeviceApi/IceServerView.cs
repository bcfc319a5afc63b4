namespace Sos.Silo.DeviceApi;

/// <summary>One RTCIceServer, as a browser takes it.</summary>
/// <param name="Urls">Its URLs (<c>turn:…</c>, <c>stun:…</c>).</param>
/// <param name="Username">The TURN user name, if any.</param>
/// <param name="Credential">The TURN credential, if any.</param>
public sealed record IceServerView(IReadOnlyList<string> Urls, string? Username, string? Credential);
