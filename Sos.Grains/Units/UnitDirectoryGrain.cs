using Sos.Grains.Abstractions;
using Sos.Grains.Directories;

namespace Sos.Grains.Units;

/// <summary>The unit ids of one operations centre; a unit adds itself when it is registered.</summary>
public sealed class UnitDirectoryGrain(
    [PersistentState("unit-directory", SosConstants.StateStore)] IPersistentState<IdDirectoryState> state) : IdDirectoryGrain(state), IUnitDirectoryGrain
{
    /// <inheritdoc />
    public Task AddAsync(string unitId) => ListAsync(unitId);
}
