using System.Collections.Immutable;
using Sos.Grains.Abstractions;

namespace Sos.Grains.Incidents;

/// <summary>The persisted state of a centre's incident register.</summary>
/// <param name="Prefix">The prefix of its numbers, once set; null: made from the centre id.</param>
/// <param name="LastNumber">The last sequence number given, per year.</param>
/// <param name="Numbers">Every incident's number, by id (so a retried opening keeps its number).</param>
/// <param name="Order">Every incident in the order it was numbered.</param>
/// <param name="Open">The incidents not yet ended.</param>
/// <param name="Types">Its incident types; default until an administrator changes one (then the seeded list is copied).</param>
[GenerateSerializer, Immutable, Alias("Sos.IncidentRegisterState")]
public sealed record IncidentRegisterState(
    [property: Id(0)] string? Prefix,
    [property: Id(1)] ImmutableDictionary<int, int> LastNumber,
    [property: Id(2)] ImmutableDictionary<Guid, string> Numbers,
    [property: Id(3)] ImmutableList<Guid> Order,
    [property: Id(4)] ImmutableHashSet<Guid> Open,
    [property: Id(5)] ImmutableArray<IncidentType> Types = default)
{
    /// <summary>A register that numbered nothing.</summary>
    public static readonly IncidentRegisterState Empty =
        new(null, ImmutableDictionary<int, int>.Empty, ImmutableDictionary<Guid, string>.Empty, [], []);
}
