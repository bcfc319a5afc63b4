using System.Collections.Immutable;

namespace Sos.Grains.Directories;

/// <summary>The persisted state of a directory: a sorted set of ids.</summary>
/// <param name="Ids">The ids.</param>
[GenerateSerializer, Immutable, Alias("Sos.IdDirectoryState")]
public sealed record IdDirectoryState([property: Id(0)] ImmutableSortedSet<string> Ids)
{
    /// <summary>A directory with nothing in it.</summary>
    public static readonly IdDirectoryState Empty = new(ImmutableSortedSet.Create<string>(StringComparer.Ordinal));
}
