using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>
/// A centre's inbox of citizen reports, keyed by the centre: its own queue, apart from the calls that ring, handled by
/// dispatchers from the reports inbox. A leaf: it awaits nothing.
/// </summary>
public interface ICitizenInboxGrain : IGrainWithStringKey
{
    /// <summary>Puts a received report in the inbox (again changes nothing).</summary>
    Task AddAsync(Guid reportId);

    /// <summary>Takes a closed report out of the inbox.</summary>
    Task RemoveAsync(Guid reportId);

    /// <summary>The reports still open, oldest first.</summary>
    Task<ImmutableArray<Guid>> OpenAsync();
}
