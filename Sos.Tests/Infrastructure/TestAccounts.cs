using Sos.Grains.Abstractions;

namespace Sos.Tests.Infrastructure;

/// <summary>Test setup of console accounts against a running console or cluster.</summary>
public static class TestAccounts
{
    /// <summary>
    /// Creates the account. On a machine the whole suite loads, the silo may answer too late (its password hashing is
    /// slow on purpose): the account is made once the silo gets to it, so this waits for it, or makes it again.
    /// </summary>
    public static async Task CreateAsync(IClusterClient client, string login, AccountProfile profile, string password)
    {
        var account = client.GetAccount(login);
        try
        {
            await account.CreateAsync(profile, password, Actors.Tool("test"));
        }
        catch (TimeoutException)
        {
            if (!(await account.GetAsync()).Exists)
            {
                try
                {
                    await account.CreateAsync(profile, password, Actors.Tool("test"));
                }
                catch (SosDomainException)
                {
                    // Refused because the late first request made it meanwhile: that is the account wanted.
                    if (!(await account.GetAsync()).Exists)
                    {
                        throw;
                    }
                }
            }
        }
    }
}
