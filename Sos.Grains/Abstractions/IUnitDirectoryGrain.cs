using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>The ids of the patrol units of one operations centre, keyed by centre id: what the map and the nearest-unit list read.</summary>
public interface IUnitDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Adds a unit id; adding it again changes nothing.</summary>
    Task AddAsync(string unitId);

    /// <summary>Every unit id of the centre, in order.</summary>
    Task<ImmutableArray<string>> GetAsync();
}
