using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>The logins of every console account (one directory, key <see cref="SosConstants.AccountDirectoryKey"/>).</summary>
public interface IAccountDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Adds a login; adding it again changes nothing.</summary>
    Task AddAsync(string login);

    /// <summary>Every login, in order.</summary>
    Task<ImmutableArray<string>> GetAsync();
}
