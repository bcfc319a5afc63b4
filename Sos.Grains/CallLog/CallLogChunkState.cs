using System.Collections.Immutable;
using Sos.Grains.Abstractions;

namespace Sos.Grains.CallLog;

/// <summary>The persisted state of one call-log chunk: its entries in the order they were appended.</summary>
/// <param name="Entries">The entries.</param>
[GenerateSerializer, Immutable, Alias("Sos.CallLogChunkState")]
public sealed record CallLogChunkState([property: Id(0)] ImmutableList<CallLogEntry> Entries)
{
    /// <summary>An empty chunk.</summary>
    public static readonly CallLogChunkState Empty = new(ImmutableList<CallLogEntry>.Empty);
}
