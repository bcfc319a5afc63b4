using System.Collections.Immutable;
using Sos.Grains.Abstractions;

namespace Sos.Grains.CallLog;

/// <summary>The persisted state of one centre's call log of one day.</summary>
/// <param name="Entries">The entries, by call id.</param>
[GenerateSerializer, Immutable, Alias("Sos.CallLogState")]
public sealed record CallLogState([property: Id(0)] ImmutableDictionary<Guid, CallLogEntry> Entries)
{
    /// <summary>A day with no calls.</summary>
    public static readonly CallLogState Empty = new(ImmutableDictionary<Guid, CallLogEntry>.Empty);
}
