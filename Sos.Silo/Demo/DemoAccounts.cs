using Sos.Grains.Abstractions;

namespace Sos.Silo.Demo;

/// <summary>The console accounts of the embedded demo; all share the password of <c>Sos:Demo:Password</c>.</summary>
public static class DemoAccounts
{
    /// <summary>The demo password when <c>Sos:Demo:Password</c> is not set.</summary>
    public const string DefaultPassword = "sos-demo";

    /// <summary>Every demo account with its profile.</summary>
    public static IReadOnlyList<(string Login, AccountProfile Profile)> All { get; } =
    [
        ("dispatcher1", new AccountProfile("Dispatcher One", [AccountRole.Dispatcher], SosConstants.DefaultCentreId)),
        ("dispatcher2", new AccountProfile("Dispatcher Two", [AccountRole.Dispatcher], SosConstants.DefaultCentreId)),
        ("supervisor", new AccountProfile("Shift Supervisor", [AccountRole.Supervisor, AccountRole.Dispatcher], SosConstants.DefaultCentreId)),
        ("admin", new AccountProfile("Administrator", [AccountRole.Admin, AccountRole.Supervisor], SosConstants.DefaultCentreId)),
        ("patrol1", new AccountProfile("Crew of PVL-11", [AccountRole.Patrol], SosConstants.DefaultCentreId)),
        ("patrol2", new AccountProfile("Crew of PVL-12", [AccountRole.Patrol], SosConstants.DefaultCentreId)),
    ];

    /// <summary>Creates every demo account that does not exist yet; existing ones (and their passwords) are left alone.</summary>
    public static async Task SeedAsync(IGrainFactory grains, string password)
    {
        foreach (var (login, profile) in All)
        {
            var account = grains.GetAccount(login);
            if (!(await account.GetAsync()).Exists)
            {
                await account.CreateAsync(profile, password, Actors.System);
            }
        }
    }
}
