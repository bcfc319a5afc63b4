using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>
/// One chunk of a centre's call log of one day, keyed <c>&lt;centre&gt;/&lt;yyyy-MM-dd&gt;/&lt;n&gt;</c>: entries are
/// appended, never rewritten, and a chunk holds a bounded number of them, so no write grows with the day. Awaits nobody.
/// </summary>
public interface ICallLogChunkGrain : IGrainWithStringKey
{
    /// <summary>Appends the entry and returns once it is durable; false, with nothing written, when the chunk is full.</summary>
    Task<bool> AppendAsync(CallLogEntry entry);

    /// <summary>The chunk's entries in the order they were appended.</summary>
    Task<ImmutableArray<CallLogEntry>> GetAsync();
}
