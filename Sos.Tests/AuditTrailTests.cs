using Sos.Grains.Abstractions;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

/// <summary>
/// The audit trail in a real SQLite file and a real PostgreSQL database: who did what, append-only, and a hash chain
/// that shows an entry changed or removed behind Sos's back.
/// </summary>
public sealed class AuditTrailTests
{
    private static readonly string Admin = Actors.Operator("root-admin");

    [Theory]
    [InlineData("Embedded")]
    [InlineData("Cluster")]
    public async Task AccountAndKioskChangesAreRecordedWithWhoDidThemAndNeverThePassword(string mode)
    {
        await using var storage = await StorageSettings.CreateAsync(mode);
        await using var cluster = await StorageCluster.StartAsync(storage.Values);
        var login = $"vera-{Guid.NewGuid():N}";
        var kioskId = $"kiosk-{Guid.NewGuid():N}";
        const string password = "correct horse battery";

        var account = cluster.Client.GetAccount(login);
        await account.CreateAsync(new AccountProfile("Vera", [AccountRole.Dispatcher], "pavlodar"), password, Admin);
        await account.UpdateProfileAsync(new AccountProfile("Vera", [AccountRole.Dispatcher, AccountRole.Supervisor], "pavlodar"), Admin);
        await account.SetPasswordAsync(password + " again", Admin);
        await account.SetDisabledAsync(true, Admin);
        var kiosk = cluster.Client.GetKiosk(kioskId);
        await kiosk.RegisterAsync(new KioskRegistration("Central Embankment", "Embankment 1", 52.288, 76.942, "Central", "pavlodar"), Admin);
        await kiosk.ChangeLifecycleAsync(KioskLifecycle.InService, Admin);
        var secret = await kiosk.IssueSecretAsync(Admin);

        var entries = await cluster.Client.GetAudit().SearchAsync(new AuditQuery());
        Assert.Equal(
            [AuditActions.KioskSecretIssued, AuditActions.KioskLifecycleChanged, AuditActions.KioskRegistered, AuditActions.AccountDisabled, AuditActions.PasswordSet, AuditActions.AccountChanged, AuditActions.AccountCreated],
            entries.Select(e => e.Action).ToArray());
        Assert.All(entries, e => Assert.Equal(Admin, e.Actor));
        Assert.Equal($"account:{login}", entries.Single(e => e.Action == AuditActions.AccountChanged).Subject);
        Assert.Contains("roles Dispatcher, Supervisor", entries.Single(e => e.Action == AuditActions.AccountChanged).Detail, StringComparison.Ordinal);
        Assert.Equal("Commissioning → InService", entries.Single(e => e.Action == AuditActions.KioskLifecycleChanged).Detail);
        Assert.All(entries, e => Assert.DoesNotContain(password, e.Detail, StringComparison.Ordinal));
        Assert.All(entries, e => Assert.DoesNotContain(secret, e.Detail, StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(1, entries.Length).Select(i => (long)i).Reverse(), entries.Select(e => e.Sequence));

        // Searches by words and by action.
        Assert.Equal(4, (await cluster.Client.GetAudit().SearchAsync(new AuditQuery(Text: login.ToUpperInvariant()))).Length);
        Assert.Single(await cluster.Client.GetAudit().SearchAsync(new AuditQuery(Action: AuditActions.KioskRegistered)));
        Assert.Equal(2, (await cluster.Client.GetAudit().SearchAsync(new AuditQuery(Limit: 2))).Length);
        Assert.True((await cluster.Client.GetAudit().VerifyAsync()).Intact);
    }

    [Theory]
    [InlineData("Embedded")]
    [InlineData("Cluster")]
    public async Task ManyEntriesAtOnceStayOneUnbrokenChainThatOutlivesARestart(string mode)
    {
        await using var storage = await StorageSettings.CreateAsync(mode);
        await using (var first = await StorageCluster.StartAsync(storage.Values))
        {
            var audit = first.Client.GetAudit();
            await Task.WhenAll(Enumerable.Range(0, 60).Select(i => audit.AppendAsync(new AuditRecord(Admin, AuditActions.HistoryExported, "centre:pavlodar", $"export {i}"))));
        }

        await using var second = await StorageCluster.StartAsync(storage.Values);
        var appended = await second.Client.GetAudit().AppendAsync(new AuditRecord(Admin, AuditActions.AuditExported, "audit", "after the restart"));

        Assert.Equal(61, appended.Sequence);
        var verified = await second.Client.GetAudit().VerifyAsync();
        Assert.True(verified.Intact, verified.Problem);
        Assert.Equal(61, verified.Checked);
        Assert.Equal(61L, Convert.ToInt64(await storage.ScalarAsync("SELECT count(DISTINCT hash) FROM sos_audit"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("Embedded")]
    [InlineData("Cluster")]
    public async Task RowsCannotBeChangedThroughTheDatabaseAndAChangeMadeAroundItBreaksTheChainThere(string mode)
    {
        await using var storage = await StorageSettings.CreateAsync(mode);
        await using var cluster = await StorageCluster.StartAsync(storage.Values);
        var audit = cluster.Client.GetAudit();
        for (var i = 1; i <= 4; i++)
        {
            await audit.AppendAsync(new AuditRecord(Admin, AuditActions.SignIn, $"account:user-{i}", "signed in", "10.0.0.7"));
        }

        var refused = await Record.ExceptionAsync(() => storage.ScalarAsync("UPDATE sos_audit SET detail = 'nothing happened' WHERE seq = 2"));
        Assert.NotNull(refused);
        Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        Assert.True((await audit.VerifyAsync()).Intact);

        // Someone with the database's owner rights goes around the trigger.
        await storage.ScalarAsync(mode == "Embedded"
            ? "DROP TRIGGER sos_audit_no_update; UPDATE sos_audit SET actor = 'operator:somebody-else' WHERE seq = 2"
            : "ALTER TABLE sos_audit DISABLE TRIGGER sos_audit_no_update; UPDATE sos_audit SET actor = 'operator:somebody-else' WHERE seq = 2");
        var changed = await audit.VerifyAsync();
        Assert.False(changed.Intact);
        Assert.Equal(2, changed.BrokenAt);
        Assert.Equal(1, changed.Checked);
        Assert.Contains("changed after it was written", changed.Problem, StringComparison.Ordinal);

        await storage.ScalarAsync(mode == "Embedded"
            ? "DROP TRIGGER sos_audit_no_delete; DELETE FROM sos_audit WHERE seq = 2"
            : "DELETE FROM sos_audit WHERE seq = 2");
        var removed = await audit.VerifyAsync();
        Assert.Equal(3, removed.BrokenAt);
        Assert.Contains("entry 2 is missing", removed.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnActionTheTrailDoesNotKnowIsRefused()
    {
        await using var storage = await StorageSettings.CreateAsync("Embedded");
        await using var cluster = await StorageCluster.StartAsync(storage.Values);

        var refused = await Assert.ThrowsAsync<SosDomainException>(() => cluster.Client.GetAudit().AppendAsync(new AuditRecord(Admin, "made-up", "x", "y")));

        Assert.Contains("not an audit action", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await cluster.Client.GetAudit().SearchAsync(new AuditQuery()));
    }
}
