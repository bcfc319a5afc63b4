using System.Collections.Immutable;
using Sos.Grains.Storage;

namespace Sos.Grains.Directories;

/// <summary>
/// A persisted, sorted set of ids (the kiosks of a centre, its patrol units, every account): what each directory grain
/// is, under its own interface and state name.
/// </summary>
public abstract class IdDirectoryGrain(IPersistentState<IdDirectoryState> state) : Grain
{
    /// <summary>The ids listed.</summary>
    protected IdDirectoryState Current => state.RecordExists ? state.State : IdDirectoryState.Empty;

    /// <summary>Every id, in order.</summary>
    public Task<ImmutableArray<string>> GetAsync() => Task.FromResult(Current.Ids.ToImmutableArray());

    /// <summary>Lists <paramref name="id"/>; returns whether it was not listed before (listing it again writes nothing).</summary>
    protected async Task<bool> ListAsync(string id)
    {
        if (Current.Ids.Contains(id))
        {
            return false;
        }

        await state.CommitAsync(new IdDirectoryState(Current.Ids.Add(id)));
        return true;
    }
}
