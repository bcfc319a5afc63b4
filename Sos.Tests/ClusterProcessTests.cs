using Sos.Grains.Abstractions;
using Sos.Simulator.Chaos;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

/// <summary>Real silo processes on a real PostgreSQL cluster: killed, stopped, started again.</summary>
public sealed class ClusterProcessTests
{
    private const int Active = 3;
    private const int Dead = 6;

    [Fact]
    public async Task PressAcknowledgedBeforeTheSiloWasKilledIsFoundOnTheNextSilo()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        var clusterId = $"sos-{Guid.NewGuid():N}";
        var kioskId = $"kiosk-{Guid.NewGuid():N}";
        var press = new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow);
        PressReceipt acknowledged;

        await using (var first = await SiloProcess.StartClusterSiloAsync(database.ConnectionString, clusterId))
        {
            await using var client = await ClusterClientHost.ConnectAsync(database.ConnectionString, clusterId, cancellationToken: TestContext.Current.CancellationToken);
            var kiosk = client.Client.GetKiosk(kioskId);
            await kiosk.RegisterAsync(new KioskRegistration("Central Embankment", "Embankment 1", 52.288, 76.942, "Central", "pavlodar"), Actors.Tool("test"));
            acknowledged = await kiosk.PressAsync(press);
            await first.KillAsync();
        }

        await using var second = await SiloProcess.StartClusterSiloAsync(database.ConnectionString, clusterId);
        await using var again = await ClusterClientHost.ConnectAsync(database.ConnectionString, clusterId, cancellationToken: TestContext.Current.CancellationToken);

        var retried = await again.Client.GetKiosk(kioskId).PressAsync(press);
        Assert.Equal(acknowledged.CallId, retried.CallId);
        var call = await again.Client.GetCall(acknowledged.CallId).GetAsync();
        Assert.True(call.Exists);
        Assert.Equal(kioskId, call.KioskId);
        Assert.True(call.IsWaiting);
    }

    [Fact]
    public async Task SilosJoiningAndOneLeavingAreRecordedInTheMembershipTable()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        var clusterId = $"sos-{Guid.NewGuid():N}";
        await using var first = await SiloProcess.StartClusterSiloAsync(database.ConnectionString, clusterId);
        await using var second = await SiloProcess.StartClusterSiloAsync(database.ConnectionString, clusterId);

        Assert.Equal(2L, await database.ScalarAsync($"SELECT count(*) FROM orleans_membership WHERE deployment_id = '{clusterId}' AND status = {Active}"));

        await second.StopAsync();


        // A silo that stops writes itself Dead on the way out; on a loaded machine that write can fail, and then the
        // other silo records the leave when its probes go unanswered, a few seconds later. Either way it is recorded.
        await Poll.UntilAsync(
            () => database.ScalarAsync($"SELECT status FROM orleans_membership WHERE deployment_id = '{clusterId}' AND port = {second.SiloPort}"),
            status => Equals(status, Dead),
            $"the stopped silo recorded Dead (its output:\n{second.Output})",
            TimeSpan.FromSeconds(20));
        Assert.Equal(1L, await database.ScalarAsync($"SELECT count(*) FROM orleans_membership WHERE deployment_id = '{clusterId}' AND status = {Active}"));
        Assert.Equal(Active, await database.ScalarAsync($"SELECT status FROM orleans_membership WHERE deployment_id = '{clusterId}' AND port = {first.SiloPort}"));
    }
}
