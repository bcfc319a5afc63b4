using Sos.Grains.Abstractions;

namespace Sos.Grains.Directories;

/// <summary>The logins of every console account; accounts add themselves when created.</summary>
public sealed class AccountDirectoryGrain(
    [PersistentState("account-directory", SosConstants.StateStore)] IPersistentState<IdDirectoryState> state) : IdDirectoryGrain(state), IAccountDirectoryGrain
{
    /// <inheritdoc />
    public Task AddAsync(string login) => ListAsync(login);
}
