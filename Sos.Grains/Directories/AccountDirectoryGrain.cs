using System.Collections.Immutable;
using Sos.Grains.Abstractions;
using Sos.Grains.Storage;

namespace Sos.Grains.Directories;

/// <summary>The logins of every console account; accounts add themselves when created.</summary>
public sealed class AccountDirectoryGrain(
    [PersistentState("account-directory", SosConstants.StateStore)] IPersistentState<IdDirectoryState> state) : Grain, IAccountDirectoryGrain
{
    private IdDirectoryState Current => state.RecordExists ? state.State : IdDirectoryState.Empty;

    /// <inheritdoc />
    public async Task AddAsync(string login)
    {
        if (!Current.Ids.Contains(login))
        {
            await state.CommitAsync(new IdDirectoryState(Current.Ids.Add(login)));
        }
    }

    /// <inheritdoc />
    public Task<ImmutableArray<string>> GetAsync() => Task.FromResult(Current.Ids.ToImmutableArray());
}
