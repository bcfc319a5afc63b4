using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>Routing asks a waiting call to ring these operators as its offer number <paramref name="Attempt"/>.</summary>
/// <param name="Operators">Who to ring (several with ring-all).</param>
/// <param name="Attempt">The call's attempt count this offer makes; a call on another count refuses it as stale.</param>
/// <param name="CentreId">The centre whose routing makes the offer (a partner's, for a call that overflowed); null: the call's own.</param>
[GenerateSerializer, Immutable, Alias("Sos.CallOffer")]
public sealed record CallOffer(
    [property: Id(0)] ImmutableArray<string> Operators,
    [property: Id(1)] int Attempt,
    [property: Id(2)] string? CentreId = null);
