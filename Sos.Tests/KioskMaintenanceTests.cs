using Sos.Grains.Abstractions;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

/// <summary>
/// Kiosks prove they work (EN 81-28): automatic test calls on their schedule, answered by a self-test report, and
/// maintenance tickets when a test fails or a fault or offline lasts too long. The cluster's clock is fake; each step
/// calls the kiosk's supervision as its own timer would.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class KioskMaintenanceTests(ClusterFixture fixture)
{
    private static readonly KioskHealth Healthy = new(true, true, false, PowerSource.Mains, "1.0");
    private static readonly KioskSelfTest Working = new(true, true, new MediaLoopbackCheck(0.4, 120, 12), "sos-browser-kiosk/1");
    private static readonly string Admin = Actors.Operator("admin");

    [Fact]
    public async Task KioskInServiceIsAskedForATestCallWhenItsIntervalIsDueAndItsReportIsKept()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = await centre.AddKioskAsync();
        var inService = await kiosk.GetAsync();
        Assert.Equal(centre.Clock.GetUtcNow() + TimeSpan.FromDays(3), inService.Maintenance.NextTestAt);

        // The cluster's clock is shared by every test: the schedule is followed here at a ten-minute interval, not three days.
        var every = TimeSpan.FromMinutes(10);
        await kiosk.RegisterAsync(inService.Registration! with { TestCallInterval = every }, Admin);
        centre.Clock.Advance(every - TimeSpan.FromSeconds(1));
        Assert.Null((await kiosk.SuperviseAsync()).Maintenance.PendingTest);
        centre.Clock.Advance(TimeSpan.FromSeconds(2));
        var asked = (await kiosk.SuperviseAsync()).Maintenance.PendingTest;

        Assert.NotNull(asked);
        Assert.Equal(KioskTestTrigger.Scheduled, asked.Trigger);
        Assert.Equal(centre.Clock.GetUtcNow() + TimeSpan.FromMinutes(5), asked.AnswerBy);
        Assert.Equal(asked, (await kiosk.HeartbeatAsync(Healthy)).Maintenance.PendingTest);

        centre.Clock.Advance(TimeSpan.FromSeconds(20));
        var result = await kiosk.ReportTestAsync(asked.TestId, Working);
        Assert.Equal(KioskTestOutcome.Passed, result.Outcome);
        Assert.Contains("media path work", result.Detail, StringComparison.Ordinal);
        var after = await kiosk.GetAsync();
        Assert.Null(after.Maintenance.PendingTest);
        Assert.Equal(result, Assert.Single(after.Maintenance.Tests));
        Assert.Equal(centre.Clock.GetUtcNow() + every, after.Maintenance.NextTestAt);
        Assert.Null(after.Maintenance.OpenTicket);

        // The same report again (its answer was lost) gets the same result, and is kept once.
        Assert.Equal(result, await kiosk.ReportTestAsync(asked.TestId, Working));
        Assert.Single((await kiosk.GetAsync()).Maintenance.Tests);
        var unknown = await Assert.ThrowsAsync<SosDomainException>(() => kiosk.ReportTestAsync(Guid.NewGuid(), Working));
        Assert.Equal("test-not-pending", unknown.Reason);
    }

    [Fact]
    public async Task TestCallIntervalIsChosenPerKioskWithinWhatTheStandardAllows()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = await centre.AddKioskAsync();
        var registration = (await kiosk.GetAsync()).Registration!;

        var hourly = await kiosk.RegisterAsync(registration with { TestCallInterval = TimeSpan.FromHours(1) }, Admin);

        Assert.Equal(centre.Clock.GetUtcNow() + TimeSpan.FromHours(1), hourly.Maintenance.NextTestAt);
        centre.Clock.Advance(TimeSpan.FromHours(1));
        Assert.NotNull((await kiosk.SuperviseAsync()).Maintenance.PendingTest);
        foreach (var wrong in new[] { TimeSpan.FromMinutes(2), TimeSpan.FromDays(4) })
        {
            var refused = await Assert.ThrowsAsync<SosDomainException>(() => kiosk.RegisterAsync(registration with { TestCallInterval = wrong }, Admin));
            Assert.Equal("kiosk-incomplete", refused.Reason);
            Assert.Contains("test call interval", refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task UnansweredTestCallOpensAMaintenanceTicketThatAnAdministratorAssignsAndCloses()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = await centre.AddKioskAsync();
        var asked = (await kiosk.RequestTestAsync(Admin)).Maintenance.PendingTest!;
        Assert.Equal((KioskTestTrigger.Requested, Admin), (asked.Trigger, asked.RequestedBy));

        centre.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(asked, (await kiosk.SuperviseAsync()).Maintenance.PendingTest);
        centre.Clock.Advance(TimeSpan.FromSeconds(1));
        var unanswered = await kiosk.SuperviseAsync();

        var test = Assert.Single(unanswered.Maintenance.Tests);
        Assert.Equal((KioskTestOutcome.NoAnswer, asked.TestId), (test.Outcome, test.Test.TestId));
        var ticket = unanswered.Maintenance.OpenTicket;
        Assert.NotNull(ticket);
        Assert.Equal((1, centre.Clock.GetUtcNow(), (string?)null), (ticket.Number, ticket.OpenedAt, ticket.AssignedTo));
        Assert.Contains("not answered", Assert.Single(ticket.Problems).Detail, StringComparison.Ordinal);
        var late = await Assert.ThrowsAsync<SosDomainException>(() => kiosk.ReportTestAsync(asked.TestId, Working));
        Assert.Equal("test-not-pending", late.Reason);

        var assigned = await kiosk.AssignTicketAsync(ticket.TicketId, "Serik, field team 2", Admin);
        Assert.Equal("Serik, field team 2", assigned.Maintenance.OpenTicket!.AssignedTo);
        var blank = await Assert.ThrowsAsync<SosDomainException>(() => kiosk.CloseTicketAsync(ticket.TicketId, "  ", Admin));
        Assert.Equal("words-invalid", blank.Reason);
        centre.Clock.Advance(TimeSpan.FromHours(2));
        var closed = await kiosk.CloseTicketAsync(ticket.TicketId, "Router replaced", Admin);

        Assert.Null(closed.Maintenance.OpenTicket);
        var kept = Assert.Single(closed.Maintenance.Tickets);
        Assert.Equal((centre.Clock.GetUtcNow(), "Router replaced"), (kept.ClosedAt, kept.Resolution));
        Assert.Equal(
            [MaintenanceTicketStep.Opened, MaintenanceTicketStep.Assigned, MaintenanceTicketStep.Closed],
            kept.Events.Select(e => e.Step));
        Assert.Equal([null, Admin, Admin], kept.Events.Select(e => e.Actor));
        var again = await Assert.ThrowsAsync<SosDomainException>(() => kiosk.CloseTicketAsync(ticket.TicketId, "twice", Admin));
        Assert.Equal("ticket-closed", again.Reason);

        // The next problem is a new ticket.
        var next = (await kiosk.RequestTestAsync(Admin)).Maintenance.PendingTest!;
        var failed = await kiosk.ReportTestAsync(next.TestId, Working with { CameraOk = false });
        Assert.Equal(KioskTestOutcome.Failed, failed.Outcome);
        Assert.Equal(2, (await kiosk.GetAsync()).Maintenance.OpenTicket!.Number);
    }

    [Fact]
    public async Task FailingSelfTestSaysWhatFailedAndLaterProblemsJoinItsTicket()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = await centre.AddKioskAsync();
        await kiosk.HeartbeatAsync(Healthy);
        var asked = (await kiosk.RequestTestAsync(Admin)).Maintenance.PendingTest!;

        var result = await kiosk.ReportTestAsync(asked.TestId, Working with { Loopback = new MediaLoopbackCheck(0.001, 0, null) });

        Assert.Equal(KioskTestOutcome.Failed, result.Outcome);
        Assert.Contains("no video came back", result.Detail, StringComparison.Ordinal);
        Assert.Contains("too quiet", result.Detail, StringComparison.Ordinal);
        var ticket = (await kiosk.GetAsync()).Maintenance.OpenTicket!;
        Assert.Contains("test call failed", Assert.Single(ticket.Problems).Detail, StringComparison.Ordinal);

        // Then it goes silent: offline after 15 s, and offline for the ticket threshold joins the same ticket.
        centre.Clock.Advance(TimeSpan.FromSeconds(16));
        Assert.Equal(KioskConnectivity.Offline, (await kiosk.SuperviseAsync()).Connectivity);
        centre.Clock.Advance(TimeSpan.FromMinutes(15));
        var joined = await kiosk.SuperviseAsync();

        var same = Assert.Single(joined.Maintenance.Tickets);
        Assert.Equal(ticket.TicketId, same.TicketId);
        Assert.Equal([MaintenanceTicketStep.Opened, MaintenanceTicketStep.ProblemAdded], same.Events.Select(e => e.Step));
        Assert.StartsWith("Offline for 15 min", same.Events[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FaultLastingBeyondTheThresholdOpensOneTicketForItsEpisode()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = await centre.AddKioskAsync();
        await kiosk.HeartbeatAsync(Healthy with { CameraOk = false });

        centre.Clock.Advance(TimeSpan.FromMinutes(14));
        await kiosk.HeartbeatAsync(Healthy with { CameraOk = false });
        Assert.Empty((await kiosk.SuperviseAsync()).Maintenance.Tickets);
        centre.Clock.Advance(TimeSpan.FromMinutes(1));
        await kiosk.HeartbeatAsync(Healthy with { CameraOk = false });
        var ticketed = await kiosk.SuperviseAsync();
        centre.Clock.Advance(TimeSpan.FromMinutes(30));
        await kiosk.HeartbeatAsync(Healthy with { CameraOk = false });
        var later = await kiosk.SuperviseAsync();

        var ticket = Assert.Single(later.Maintenance.Tickets);
        Assert.Equal(ticketed.Maintenance.OpenTicket?.TicketId, ticket.TicketId);
        Assert.StartsWith("CameraFault for 15 min: camera reports a fault", Assert.Single(ticket.Problems).Detail, StringComparison.Ordinal);

        // Repaired and broken again: a new episode, added to the ticket still open.
        await kiosk.HeartbeatAsync(Healthy);
        await kiosk.HeartbeatAsync(Healthy with { CameraOk = false });
        centre.Clock.Advance(TimeSpan.FromMinutes(15));
        await kiosk.HeartbeatAsync(Healthy with { CameraOk = false });
        Assert.Equal(2, (await kiosk.SuperviseAsync()).Maintenance.OpenTicket!.Problems.Count());
    }

    [Fact]
    public async Task PressEndsATestCallAtOnceAndTheTestWaitsUntilTheCallIsOver()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = await centre.AddKioskAsync();
        var asked = (await kiosk.RequestTestAsync(Admin)).Maintenance.PendingTest!;

        var press = await centre.PressAsync(kiosk);

        var during = await kiosk.GetAsync();
        Assert.Null(during.Maintenance.PendingTest);
        var interrupted = Assert.Single(during.Maintenance.Tests);
        Assert.Equal((KioskTestOutcome.Interrupted, asked.TestId), (interrupted.Outcome, interrupted.Test.TestId));
        Assert.Equal(centre.Clock.GetUtcNow() + TimeSpan.FromMinutes(15), during.Maintenance.NextTestAt);
        Assert.Null(during.Maintenance.OpenTicket);
        var refused = await Assert.ThrowsAsync<SosDomainException>(() => kiosk.RequestTestAsync(Admin));
        Assert.Equal("kiosk-on-call", refused.Reason);

        centre.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Null((await kiosk.SuperviseAsync()).Maintenance.PendingTest);
        await kiosk.CancelAsync(press.CallId);
        var after = await kiosk.SuperviseAsync();
        Assert.Equal(KioskTestTrigger.Scheduled, after.Maintenance.PendingTest?.Trigger);
    }

    [Fact]
    public async Task KioskOutOfServiceIsNeitherScheduledNorTicketed()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var kiosk = await centre.AddKioskAsync(KioskLifecycle.OutOfService);
        await kiosk.HeartbeatAsync(Healthy with { Tampered = true });

        centre.Clock.Advance(TimeSpan.FromMinutes(20));
        await kiosk.HeartbeatAsync(Healthy with { Tampered = true });
        var idle = await kiosk.SuperviseAsync();

        Assert.Equal((null, null), (idle.Maintenance.NextTestAt, idle.Maintenance.PendingTest));
        Assert.Empty(idle.Maintenance.Tickets);

        // Back in service, its schedule starts, and its tamper switch, open all along, is ticketed at once.
        var back = await kiosk.ChangeLifecycleAsync(KioskLifecycle.InService, Admin);
        Assert.Equal(centre.Clock.GetUtcNow() + TimeSpan.FromDays(3), back.Maintenance.NextTestAt);
        Assert.StartsWith("Tampered for ", Assert.Single(back.Maintenance.OpenTicket!.Problems).Detail, StringComparison.Ordinal);
    }
}
