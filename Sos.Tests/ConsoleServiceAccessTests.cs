using Microsoft.Extensions.Logging.Abstractions;
using Sos.Console.Hosting;
using Sos.Console.Services;
using Sos.Grains.Abstractions;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

/// <summary>
/// The console's services check the acting user's role and centre themselves, whatever page called them: every
/// administrative action for every role, on a real cluster, and nothing changes when one is refused.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ConsoleServiceAccessTests(ClusterFixture fixture)
{
    public static TheoryData<string> NotAdmins => [nameof(AccountRole.Dispatcher), nameof(AccountRole.Supervisor)];

    [Theory]
    [MemberData(nameof(NotAdmins))]
    public async Task EveryAdministrativeActionIsRefusedToSomeoneWhoIsNotAnAdministrator(string role)
    {
        var centre = $"centre-{Guid.NewGuid():N}";
        var acting = User(centre, Enum.Parse<AccountRole>(role), AccountRole.Dispatcher);
        var kioskId = await RegisteredKioskAsync(centre);
        var login = $"target-{Guid.NewGuid():N}"[..20];
        await fixture.Client.GetAccount(login).CreateAsync(new AccountProfile("Target", [AccountRole.Dispatcher], centre), "a long password", Actors.Tool("test"));
        var (accounts, kiosks, settings, audit) = Services();

        var attempts = new (string What, Func<Task> Act)[]
        {
            ("create an account", () => accounts.CreateAsync(acting, $"new-{Guid.NewGuid():N}"[..16], new AccountProfile("New", [AccountRole.Admin], centre), "a long password")),
            ("change an account", () => accounts.UpdateProfileAsync(acting, login, new AccountProfile("Target", [AccountRole.Admin], centre))),
            ("set a password", () => accounts.ResetPasswordAsync(acting, login, "another long password")),
            ("disable an account", () => accounts.SetDisabledAsync(acting, login, true)),
            ("register a kiosk", () => kiosks.RegisterAsync(acting, $"kiosk-{Guid.NewGuid():N}", new KioskRegistration("New", "Street", 52.3, 76.9, "Central", centre))),
            ("issue a kiosk secret", () => kiosks.IssueSecretAsync(acting, kioskId)),
            ("move a kiosk's lifecycle", () => kiosks.ChangeLifecycleAsync(acting, kioskId, KioskLifecycle.OutOfService)),
            ("change the centre's settings", () => settings.SaveAsync(acting, centre, RoutingStrategy.RingAll, CentreOverflow.None)),
            ("read the audit trail", () => audit.SearchAsync(acting, new AuditQuery())),
            ("check the audit trail", () => audit.VerifyAsync(acting)),
        };
        foreach (var (what, act) in attempts)
        {
            var refused = await Record.ExceptionAsync(act);
            Assert.True(refused is AccessRefusedException, $"a {role} could {what}: {refused?.GetType().Name ?? "allowed"}");
        }

        var target = await fixture.Client.GetAccount(login).GetAsync();
        Assert.False(target.Disabled);
        Assert.Equal([AccountRole.Dispatcher], target.Profile!.Roles);
        Assert.Equal(KioskLifecycle.InService, (await fixture.Client.GetKiosk(kioskId).GetAsync()).Lifecycle);
        Assert.Null((await fixture.Client.GetCentre(centre).GetAsync()).Strategy);
    }

    [Fact]
    public async Task AnAdministratorActsOnlyOnTheirOwnCentreAndNeverDisablesThemselves()
    {
        var centre = $"centre-{Guid.NewGuid():N}";
        var elsewhere = $"centre-{Guid.NewGuid():N}";
        var admin = User(centre, AccountRole.Admin);
        var theirs = await RegisteredKioskAsync(centre);
        var others = await RegisteredKioskAsync(elsewhere);
        var (accounts, kiosks, settings, _) = Services();

        await kiosks.ChangeLifecycleAsync(admin, theirs, KioskLifecycle.Maintenance);
        await settings.SaveAsync(admin, centre, RoutingStrategy.RoundRobin, CentreOverflow.None);
        await Assert.ThrowsAsync<AccessRefusedException>(() => kiosks.ChangeLifecycleAsync(admin, others, KioskLifecycle.Maintenance));
        await Assert.ThrowsAsync<AccessRefusedException>(() => kiosks.IssueSecretAsync(admin, others));
        await Assert.ThrowsAsync<AccessRefusedException>(() => kiosks.RegisterAsync(admin, others, new KioskRegistration("Taken", "Street", 52.3, 76.9, "Central", centre)));
        await Assert.ThrowsAsync<AccessRefusedException>(() => settings.SaveAsync(admin, elsewhere, RoutingStrategy.RingAll, CentreOverflow.None));
        await Assert.ThrowsAsync<AccessRefusedException>(() => accounts.SetDisabledAsync(admin, admin.Login, true));

        Assert.Equal(KioskLifecycle.Maintenance, (await fixture.Client.GetKiosk(theirs).GetAsync()).Lifecycle);
        Assert.Equal(KioskLifecycle.InService, (await fixture.Client.GetKiosk(others).GetAsync()).Lifecycle);
        Assert.Equal(elsewhere, (await fixture.Client.GetKiosk(others).GetAsync()).Registration!.CentreId);
        var audited = await fixture.Client.GetAudit().SearchAsync(new AuditQuery(Text: theirs));
        Assert.Contains(audited, e => e.Action == AuditActions.KioskLifecycleChanged && e.Actor == admin.Actor);
    }

    private static ConsoleUser User(string centre, params AccountRole[] roles) =>
        new($"acting-{Guid.NewGuid():N}"[..20], "Acting", centre, roles.ToHashSet());

    private (AccountService, KioskAdminService, CentreAdminService, AuditService) Services() =>
        (new AccountService(fixture.Client), new KioskAdminService(fixture.Client), new CentreAdminService(fixture.Client), new AuditService(fixture.Client, NullLogger<AuditService>.Instance));

    private async Task<string> RegisteredKioskAsync(string centre)
    {
        var kioskId = $"kiosk-{Guid.NewGuid():N}";
        var kiosk = fixture.Client.GetKiosk(kioskId);
        await kiosk.RegisterAsync(new KioskRegistration("Kiosk", "Street 1", 52.288, 76.942, "Central", centre), Actors.Tool("test"));
        await kiosk.ChangeLifecycleAsync(KioskLifecycle.InService, Actors.Tool("test"));
        return kioskId;
    }
}
