using System.Collections.Immutable;
using Sos.Grains.Abstractions;
using Sos.Grains.Directories;
using Sos.Grains.Storage;

namespace Sos.Grains.Units;

/// <summary>The unit ids of one operations centre; a unit adds itself when it is registered.</summary>
public sealed class UnitDirectoryGrain(
    [PersistentState("unit-directory", SosConstants.StateStore)] IPersistentState<IdDirectoryState> state) : Grain, IUnitDirectoryGrain
{
    private IdDirectoryState Current => state.RecordExists ? state.State : IdDirectoryState.Empty;

    /// <inheritdoc />
    public async Task AddAsync(string unitId)
    {
        if (!Current.Ids.Contains(unitId))
        {
            await state.CommitAsync(new IdDirectoryState(Current.Ids.Add(unitId)));
        }
    }

    /// <inheritdoc />
    public Task<ImmutableArray<string>> GetAsync() => Task.FromResult(Current.Ids.ToImmutableArray());
}
