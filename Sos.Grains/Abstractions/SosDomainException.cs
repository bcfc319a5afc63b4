namespace Sos.Grains.Abstractions;

/// <summary>
/// A request that the domain refuses (a wrong transition, an unknown kiosk). The refused request changed nothing;
/// the message says what was expected. Gateways turn these into 4xx answers, never 500.
/// </summary>
[GenerateSerializer, Alias("Sos.SosDomainException")]
public class SosDomainException : Exception
{
    /// <summary>Creates the exception with the reason.</summary>
    public SosDomainException(string message)
        : base(message)
    {
    }
}
