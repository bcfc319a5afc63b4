namespace Sos.Silo.CitizenApi;

/// <summary>
/// Sends a text message to a phone: the adapter a deployment gives Sos for its SMS provider (register an
/// implementation in the host's services before <c>AddSosCitizenApi</c>; the default is the development stand-in
/// <see cref="OutboxSmsGateway"/>, since no SMS gateway is reachable from here). Used for the phone verification codes
/// of the citizen API. It throws when the message could not be handed over; the citizen then gets a 503 and asks again.
/// </summary>
public interface ISmsGateway
{
    /// <summary>Hands <paramref name="text"/> to the provider for <paramref name="phone"/> (digits, '+' first if international).</summary>
    Task SendAsync(string phone, string text, CancellationToken cancellationToken);
}
