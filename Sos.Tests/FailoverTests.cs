using System.Diagnostics;
using Sos.Grains.Abstractions;
using Sos.Simulator.Chaos;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

/// <summary>Calls move on by themselves when a real silo process dies (kill -9) in a PostgreSQL cluster of three.</summary>
public sealed class FailoverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RingingCallMovesOnByItselfAfterTheSiloHoldingItsRoutingIsKilled()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        var clusterId = $"sos-{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string> { ["Sos__Routing__RingTimeout"] = "00:00:02" };
        var silos = new List<SiloProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                silos.Add(await SiloProcess.StartClusterSiloAsync(database.ConnectionString, clusterId, settings));
            }

            await using var client = await ClusterClientHost.ConnectAsync(database.ConnectionString, clusterId, cancellationToken: TestContext.Current.CancellationToken);
            var centre = $"centre-{Guid.NewGuid():N}";
            var routing = client.Client.GetRouting(centre);
            var kiosk = client.Client.GetKiosk($"kiosk-{Guid.NewGuid():N}");
            await kiosk.RegisterAsync(new KioskRegistration("Central Embankment", "Embankment 1", 52.288, 76.942, "Central", centre), Actors.Tool("test"));
            await using var consoles = OpenConsoles.For(client.Client, "anna", "boris");
            await client.Client.GetOperator("anna").ChangePresenceAsync(centre, OperatorPresence.Available);
            await client.Client.GetOperator("boris").ChangePresenceAsync(centre, OperatorPresence.Available);
            var receipt = await kiosk.PressAsync(new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow));
            var first = await Poll.UntilAsync(() => client.Client.GetCall(receipt.CallId).GetAsync(), c => c.Status == CallStatus.Ringing, "the call ringing", TimeSpan.FromSeconds(10));
            var unanswered = Assert.Single(first.RingingOperators);
            var routingSilo = await client.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(routing, TestContext.Current.CancellationToken);
            var victim = Assert.Single(silos, s => s.SiloPort == routingSilo!.Endpoint.Port);

            var clock = Stopwatch.StartNew();
            await victim.KillAsync();
            var moved = await Poll.UntilAsync(
                () => client.Client.GetCall(receipt.CallId).GetAsync(),
                c => c.Status == CallStatus.Ringing && !c.RingingOperators.Contains(unanswered),
                "the call ringing the other operator after the kill",
                TimeSpan.FromSeconds(30));

            output.WriteLine($"kill -9 of the routing silo → call ringing the next operator: {clock.Elapsed.TotalSeconds:0.00} s");
            Assert.Contains(moved.Timeline, e => e.Kind == CallEventKind.Missed);
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task WaitingCallWhoseRoutingRequestWasLostRingsFromTheWaitingListWhileASiloDies()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        var clusterId = $"sos-{Guid.NewGuid():N}";
        var silos = new List<SiloProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                silos.Add(await SiloProcess.StartClusterSiloAsync(database.ConnectionString, clusterId));
            }

            await using var client = await ClusterClientHost.ConnectAsync(database.ConnectionString, clusterId, cancellationToken: TestContext.Current.CancellationToken);
            var centre = $"centre-{Guid.NewGuid():N}";
            var routing = client.Client.GetRouting(centre);
            // Anna's console is open, as a dispatcher's is: its heartbeats are how a routing that lost its activation
            // (its directory partition was on the dead silo) hears from its operators again.
            await using var consoles = OpenConsoles.For(client.Client, "anna");
            await client.Client.GetOperator("anna").ChangePresenceAsync(centre, OperatorPresence.Available);

            // A call opened without its routing request, as when the request died in a memory stream queue with its
            // silo: it is in the centre's durable waiting list, which routing catches up with every second.
            var kioskId = $"kiosk-{Guid.NewGuid():N}";
            var registration = new KioskRegistration("Central Embankment", "Embankment 1", 52.288, 76.942, "Central", centre);
            var call = client.Client.GetCall(Guid.NewGuid());
            await call.OpenAsync(new CallOpening(kioskId, registration, Guid.NewGuid(), DateTimeOffset.UtcNow, false));

            var routingSilo = await client.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(routing, TestContext.Current.CancellationToken);
            var victim = silos.First(s => s.SiloPort != routingSilo!.Endpoint.Port);
            var clock = Stopwatch.StartNew();
            await victim.KillAsync();
            CallSnapshot ringing;
            try
            {
                ringing = await Poll.UntilAsync(call.GetAsync, c => c.Status == CallStatus.Ringing, "the lost call ringing while a silo dies", TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
                // What routing and the waiting list hold now, so that a failure explains itself.
                var held = await Record.ExceptionAsync(async () =>
                {
                    var snapshot = await routing.GetAsync();
                    var page = await client.Client.GetWaitingList(centre).ReadAsync(0);
                    output.WriteLine($"routing holds {snapshot.Waiting.Length} calls ({string.Join(", ", snapshot.Waiting.Select(w => $"{w.CallId} offered to [{string.Join(", ", w.OfferedTo)}] attempt {w.Attempts}"))}); operators {string.Join(", ", snapshot.Operators.Select(o => $"{o.Login} {o.Presence}"))}");
                    output.WriteLine($"waiting list at {page.Sequence}: {string.Join(", ", page.Entries.Select(e => $"{e.CallId} #{e.Sequence}"))}");
                });
                output.WriteLine(held is null ? "read routing and the waiting list" : $"could not read routing or the waiting list: {held.Message}");
                foreach (var silo in silos.Where(s => !s.HasExited))
                {
                    output.WriteLine($"silo {silo.SiloPort}:\n{silo.Output}");
                }

                throw;
            }

            output.WriteLine($"kill -9 of a silo → the call whose request was lost rings: {clock.Elapsed.TotalSeconds:0.00} s");
            Assert.Equal("anna", Assert.Single(ringing.RingingOperators));
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }
}
