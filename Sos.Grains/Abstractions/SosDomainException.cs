using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>
/// A request that the domain refuses (a wrong transition, an unknown kiosk). The refused request changed nothing;
/// the message says what was expected. Gateways turn these into 4xx answers, never 500. A refusal the console words
/// for its user carries a stable <see cref="Reason"/> and the <see cref="Arguments"/> its sentence needs.
/// </summary>
[GenerateSerializer, Alias("Sos.SosDomainException")]
public class SosDomainException : Exception
{
    /// <summary>Creates the exception with the reason.</summary>
    public SosDomainException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a stable reason and what its sentence needs.</summary>
    public SosDomainException(string reason, string message, params string[] arguments)
        : base(message)
    {
        Reason = reason;
        Arguments = [.. arguments];
    }

    /// <summary>A stable, machine-readable reason (kebab-case), or null.</summary>
    [Id(0)]
    public string? Reason { get; private set; }

    /// <summary>The values the reason's sentence names, in order.</summary>
    [Id(1)]
    public ImmutableArray<string> Arguments { get; private set; } = [];
}
