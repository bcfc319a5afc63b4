using Sos.Grains.Abstractions;
using Sos.Silo.Demo;

namespace Sos.Console.Hosting;

/// <summary>
/// At start-up, once the silo (or the cluster client) is up: where the demo runs (<see cref="DemoPolicy"/>: Embedded or
/// Memory mode listening on loopback only, or <c>Sos:Demo:Enabled=true</c>), the demo kiosks and accounts (password
/// <c>Sos:Demo:Password</c>, default <c>sos-demo</c>); everywhere else, the first administrator from
/// <c>Sos:Bootstrap:AdminPassword</c> when no such account exists yet. There is no default password outside the demo.
/// </summary>
public sealed partial class SosSeeding(IGrainFactory grains, IConfiguration configuration, ILogger<SosSeeding> logger) : IHostedService
{
    /// <summary>The demo centre's time zone: Pavlodar's (UTC+5 since March 2024).</summary>
    public const string DemoTimeZone = "Asia/Almaty";

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var (demo, why) = DemoPolicy.Why(configuration);
        if (!demo)
        {
            // No demo accounts with a documented password here: the first administrator comes from the bootstrap settings.
            LogNoDemo(logger, why);
            await BootstrapAdminAsync();
            return;
        }

        var password = configuration["Sos:Demo:Password"] is { Length: > 0 } configured ? configured : DemoAccounts.DefaultPassword;
        await DemoKiosks.SeedAsync(grains);
        foreach (var (id, registration) in DemoKiosks.All)
        {
            // Listed directly as well as through the kiosk-changes stream, whose events are only hints.
            await grains.GetKioskDirectory(registration.CentreId).AddAsync(id);
        }

        await DemoAccounts.SeedAsync(grains, password);
        await DemoUnits.SeedAsync(grains, TimeProvider.System);

        // The Pavlodar demo keeps Pavlodar's clock (UTC+5), unless an administrator chose another zone since.
        var centre = grains.GetCentre(SosConstants.DefaultCentreId);
        if ((await centre.GetAsync()).TimeZoneId is null)
        {
            await centre.SetTimeZoneAsync(DemoTimeZone, Actors.System);
        }
        LogDemo(logger, string.Join(", ", DemoAccounts.All.Select(a => a.Login)), why);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task BootstrapAdminAsync()
    {
        var login = configuration["Sos:Bootstrap:AdminLogin"] is { Length: > 0 } l ? l : "admin";
        var account = grains.GetAccount(login);
        if ((await account.GetAsync()).Exists)
        {
            return;
        }

        if (configuration["Sos:Bootstrap:AdminPassword"] is not { Length: > 0 } password)
        {
            LogNoAdmin(logger, login);
            return;
        }

        var centre = configuration["Sos:Bootstrap:CentreId"] is { Length: > 0 } c ? c : SosConstants.DefaultCentreId;
        try
        {
            await account.CreateAsync(new AccountProfile("Administrator", [AccountRole.Admin, AccountRole.Supervisor], centre), password, Actors.System);
            LogAdminCreated(logger, login);
        }
        catch (SosDomainException exception)
        {
            if (!(await account.GetAsync()).Exists)
            {
                throw;
            }

            // Another console created it first.
            LogAdminRace(logger, login, exception.Message);
        }
    }

    // The password itself is never written to a log: the README documents the demo's default.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo data ready ({Why}). Sign in as {Logins} with the demo password (Sos:Demo:Password; its default is in the README)")]
    private static partial void LogDemo(ILogger logger, string logins, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "No demo data: {Why}")]
    private static partial void LogNoDemo(ILogger logger, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No account '{Login}' exists and Sos:Bootstrap:AdminPassword is not set: nobody can sign in to administer Sos")]
    private static partial void LogNoAdmin(ILogger logger, string login);

    [LoggerMessage(Level = LogLevel.Information, Message = "First administrator '{Login}' created from Sos:Bootstrap:AdminPassword")]
    private static partial void LogAdminCreated(ILogger logger, string login);

    [LoggerMessage(Level = LogLevel.Information, Message = "Administrator '{Login}' was created by another console: {Reason}")]
    private static partial void LogAdminRace(ILogger logger, string login, string reason);
}
