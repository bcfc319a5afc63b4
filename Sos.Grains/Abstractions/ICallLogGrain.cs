using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>
/// The calls of one operations centre opened on one UTC day, keyed by <see cref="CallLogKey"/>. Each call writes its
/// own entry here when it is answered, ends, is closed, is abandoned or is called back: the queryable record that the
/// history, its CSV export and the day's figures read.
/// </summary>
public interface ICallLogGrain : IGrainWithStringKey
{
    /// <summary>Adds or replaces the call's entry (the latest state of the call wins).</summary>
    Task RecordAsync(CallLogEntry entry);

    /// <summary>Every entry of the day, oldest first.</summary>
    Task<ImmutableArray<CallLogEntry>> GetAsync();
}
