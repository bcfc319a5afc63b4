using System.Globalization;
using Microsoft.Extensions.Logging;
using Sos.Grains.Abstractions;
using Sos.Grains.Media;

namespace Sos.Grains.Kiosks;

/// <summary>
/// The kiosk's proof that it works: automatic test calls on its schedule (EN 81-28: at least every 3 days), answered by
/// the kiosk with a self-test report (a browser kiosk echoes its camera and microphone through the media server first),
/// and maintenance tickets when a test fails or a fault or offline lasts beyond <c>Sos:Kiosks:TicketAfter</c>. The
/// schedule runs on the kiosk's supervision: its timer while it is online, its maintenance reminder otherwise.
/// </summary>
public sealed partial class KioskGrain
{
    /// <summary>The reminder that wakes the kiosk for its next maintenance deadline (a test due, an answer late, a ticket).</summary>
    public const string MaintenanceReminder = "maintenance";

    /// <summary>The shortest and longest test call interval a kiosk may be registered with (EN 81-28: at most 3 days).</summary>
    public static readonly (TimeSpan Min, TimeSpan Max) TestCallIntervalRange = (TimeSpan.FromMinutes(10), TimeSpan.FromDays(3));

    /// <summary>The longest words an administrator or a device may give a ticket or a test report.</summary>
    public const int MaxWords = 1000;

    /// <summary>How often the maintenance reminder fires even without a deadline coming, as a backstop.</summary>
    private static readonly TimeSpan MaintenanceReminderPeriod = TimeSpan.FromHours(1);

    private MediaLoopback.LoopbackLeg? loopback;
    private DateTimeOffset? maintenanceReminderFor;
    private bool maintenanceReminderKnown;

    /// <inheritdoc />
    public async Task<KioskSnapshot> RequestTestAsync(string actor)
    {
        var kiosk = RequireRegistered();
        if (kiosk.Lifecycle == KioskLifecycle.Decommissioned)
        {
            throw new SosDomainException("kiosk-decommissioned", $"Kiosk '{KioskId}' is decommissioned: it is tested no more.", KioskId);
        }

        if (kiosk.Maintenance.PendingTest is not null)
        {
            return kiosk;
        }

        if (kiosk.OpenCallId is not null)
        {
            throw new SosDomainException("kiosk-on-call", $"Kiosk '{KioskId}' has an open call: a test call waits until it ends.", KioskId);
        }

        var next = Current with { Kiosk = Ask(kiosk, KioskTestTrigger.Requested, clock.GetUtcNow(), actor) };
        await ChangeAsync(next);
        logger.LogInformation("Kiosk {KioskId} was asked for a test call by {Actor}", KioskId, actor);
        await AuditAsync(actor, AuditActions.KioskTestRequested, $"test call {next.Kiosk.Maintenance.PendingTest!.TestId}");
        await KeepMaintenanceReminderAsync();
        return next.Kiosk;
    }

    /// <inheritdoc />
    public async Task<KioskTestResult> ReportTestAsync(Guid testId, KioskSelfTest report)
    {
        var kiosk = RequireRegistered();
        if (kiosk.Maintenance.PendingTest is not { } pending || pending.TestId != testId)
        {
            // The same report again (its answer was lost) gets the result it had.
            return kiosk.Maintenance.Tests.LastOrDefault(t => t.Test.TestId == testId && t.Report is not null)
                ?? throw new SosDomainException("test-not-pending", $"Kiosk '{KioskId}' is not asked for test call {testId} now: it ended, or was never asked.", KioskId, testId.ToString());
        }

        var now = clock.GetUtcNow();
        var (outcome, detail) = Judge(report);
        var result = new KioskTestResult(pending, now, outcome, report, detail);
        var next = Ended(Current, result);
        if (outcome == KioskTestOutcome.Failed && kiosk.Lifecycle == KioskLifecycle.InService)
        {
            next = Ticket(next, now, $"test call failed: {detail}");
        }

        await ChangeAsync(next);
        await StopLoopbackAsync();
        logger.Log(outcome == KioskTestOutcome.Passed ? LogLevel.Information : LogLevel.Warning, "Kiosk {KioskId} test call {Outcome}: {Detail}", KioskId, outcome, detail);
        await KeepMaintenanceReminderAsync();
        return result;
    }

    /// <inheritdoc />
    public async Task<string> StartTestLoopbackAsync(Guid testId, string offerSdp)
    {
        var kiosk = RequireRegistered();
        if (kiosk.Maintenance.PendingTest?.TestId != testId)
        {
            throw new SosDomainException("test-not-pending", $"Kiosk '{KioskId}' is not asked for test call {testId} now: it ended, or was never asked.", KioskId, testId.ToString());
        }

        await StopLoopbackAsync();
        var (leg, answer) = await loopbacks.StartAsync(offerSdp);
        loopback = leg;
        return answer;
    }

    /// <inheritdoc />
    public async Task<KioskSnapshot> AssignTicketAsync(Guid ticketId, string technician, string actor)
    {
        var name = Words(technician, 100, "the technician's name");
        var (ticket, at) = OpenTicketOf(ticketId);
        var assigned = ticket.With(new MaintenanceTicketEvent(clock.GetUtcNow(), MaintenanceTicketStep.Assigned, actor, name)) with { AssignedTo = name };
        var next = Current with { Kiosk = WithTicket(Current.Kiosk, at, assigned) };
        await ChangeAsync(next);
        await AuditAsync(actor, AuditActions.KioskTicketAssigned, $"ticket {ticket.Number} to {name}");
        return next.Kiosk;
    }

    /// <inheritdoc />
    public async Task<KioskSnapshot> CloseTicketAsync(Guid ticketId, string resolution, string actor)
    {
        var done = Words(resolution, MaxWords, "what was done");
        var (ticket, at) = OpenTicketOf(ticketId);
        var now = clock.GetUtcNow();
        var closed = ticket.With(new MaintenanceTicketEvent(now, MaintenanceTicketStep.Closed, actor, done)) with { ClosedAt = now };
        var next = Current with { Kiosk = WithTicket(Current.Kiosk, at, closed) };
        await ChangeAsync(next);
        await AuditAsync(actor, AuditActions.KioskTicketClosed, $"ticket {ticket.Number}: {done}");
        return next.Kiosk;
    }

    /// <summary>
    /// The maintenance part of supervision, at <paramref name="now"/>: a test call due is asked (never during a call), an
    /// unanswered one fails, an alert that lasted beyond the threshold opens (or joins) a ticket once per episode.
    /// Returns <paramref name="current"/> itself when nothing is due.
    /// </summary>
    private KioskState Maintain(KioskState current, DateTimeOffset now)
    {
        var kiosk = current.Kiosk;
        var upkeep = kiosk.Maintenance;
        var inService = kiosk.Lifecycle == KioskLifecycle.InService;
        var next = current;
        if (!inService && upkeep.NextTestAt is not null)
        {
            next = next with { Kiosk = kiosk with { Maintenance = upkeep with { NextTestAt = null } } };
        }
        else if (inService && upkeep.NextTestAt is null)
        {
            next = next with { Kiosk = kiosk with { Maintenance = upkeep with { NextTestAt = now + TestCallInterval(kiosk) } } };
        }

        if (next.Kiosk.Maintenance.PendingTest is { } pending && now > pending.AnswerBy)
        {
            var detail = $"no answer within {Supervision.TestAnswerTimeout.TotalMinutes:0.#} min";
            next = Ended(next, new KioskTestResult(pending, now, KioskTestOutcome.NoAnswer, null, detail));
            if (inService)
            {
                next = Ticket(next, now, $"test call not answered: {detail}");
            }

            logger.LogWarning("Kiosk {KioskId} did not answer test call {TestId}", KioskId, pending.TestId);
        }

        if (inService && next.Kiosk.Maintenance is { PendingTest: null, NextTestAt: { } due } && now >= due && next.Kiosk.OpenCallId is null)
        {
            next = next with { Kiosk = Ask(next.Kiosk, KioskTestTrigger.Scheduled, now, null) };
            logger.LogInformation("Kiosk {KioskId} is asked for its scheduled test call", KioskId);
        }

        // Each alert episode (its kind and when it was raised) makes a ticket once; episodes that cleared are forgotten.
        var ticketed = next.Ticketed.RemoveAll(t => !next.Kiosk.Alerts.Contains(t));
        if (ticketed.Length != next.Ticketed.Length)
        {
            next = next with { Ticketed = ticketed };
        }

        if (inService)
        {
            foreach (var alert in next.Kiosk.Alerts)
            {
                if (now - alert.RaisedAt >= Supervision.TicketAfter && !next.Ticketed.Contains(alert))
                {
                    var lasted = now - alert.RaisedAt;
                    next = Ticket(next, now, $"{alert.Kind} for {lasted.TotalMinutes:0} min{(alert.Detail is { } d ? $": {d}" : string.Empty)}") with { Ticketed = next.Ticketed.Add(alert) };
                }
            }
        }

        return next;
    }

    /// <summary>The earliest moment maintenance has something to do, or null when nothing is ahead.</summary>
    private DateTimeOffset? MaintenanceDeadline(KioskState current)
    {
        var kiosk = current.Kiosk;
        if (!kiosk.IsRegistered || kiosk.Lifecycle == KioskLifecycle.Decommissioned)
        {
            return null;
        }

        var deadlines = new List<DateTimeOffset>();
        if (kiosk.Maintenance.PendingTest is { } pending)
        {
            deadlines.Add(pending.AnswerBy);
        }
        else if (kiosk.Maintenance.NextTestAt is { } due && kiosk.OpenCallId is null)
        {
            deadlines.Add(due);
        }

        if (kiosk.Lifecycle == KioskLifecycle.InService)
        {
            deadlines.AddRange(kiosk.Alerts.Where(a => !current.Ticketed.Contains(a)).Select(a => a.RaisedAt + Supervision.TicketAfter));
        }

        return deadlines.Count == 0 ? null : deadlines.Min();
    }

    /// <summary>A press that opens a call ends the test call the kiosk was asked: the call comes first, the test later.</summary>
    private KioskSnapshot InterruptTest(KioskSnapshot kiosk, DateTimeOffset now)
    {
        if (kiosk.Maintenance.PendingTest is not { } pending)
        {
            return kiosk;
        }

        StopLoopbackAsync().Ignore();
        var result = new KioskTestResult(pending, now, KioskTestOutcome.Interrupted, null, "a press opened a call: the test call is asked again later");
        var ended = Ended(Current with { Kiosk = kiosk }, result).Kiosk;
        var retry = now + Supervision.TestRetryAfterPress;
        return ended with { Maintenance = ended.Maintenance with { NextTestAt = ended.Maintenance.NextTestAt is { } at && at < retry ? at : retry } };
    }

    private KioskSnapshot Ask(KioskSnapshot kiosk, KioskTestTrigger trigger, DateTimeOffset now, string? actor) => kiosk with
    {
        Maintenance = kiosk.Maintenance with { PendingTest = new KioskTestCall(Guid.NewGuid(), trigger, now, now + Supervision.TestAnswerTimeout, actor) },
    };

    /// <summary>The state with the pending test ended as <paramref name="result"/>, kept, and the next one scheduled.</summary>
    private KioskState Ended(KioskState current, KioskTestResult result)
    {
        var kiosk = current.Kiosk;
        var upkeep = kiosk.Maintenance;
        var tests = upkeep.Tests.Length < KioskMaintenance.TestsKept ? upkeep.Tests : upkeep.Tests.RemoveRange(0, upkeep.Tests.Length - KioskMaintenance.TestsKept + 1);
        DateTimeOffset? nextTest = kiosk.Lifecycle == KioskLifecycle.InService ? result.EndedAt + TestCallInterval(kiosk) : null;
        return current with { Kiosk = kiosk with { Maintenance = upkeep with { PendingTest = null, Tests = tests.Add(result), NextTestAt = nextTest } } };
    }

    /// <summary>Opens a ticket for <paramref name="problem"/>, or adds the problem to the kiosk's open ticket.</summary>
    private KioskState Ticket(KioskState current, DateTimeOffset now, string problem)
    {
        var kiosk = current.Kiosk;
        var upkeep = kiosk.Maintenance;
        if (upkeep.OpenTicket is { } open)
        {
            var index = upkeep.Tickets.IndexOf(open);
            logger.LogWarning("Kiosk {KioskId} ticket {Number}: {Problem}", KioskId, open.Number, problem);
            return current with { Kiosk = WithTicket(kiosk, index, open.With(new MaintenanceTicketEvent(now, MaintenanceTicketStep.ProblemAdded, null, problem))) };
        }

        var number = upkeep.TicketCount + 1;
        var ticket = new MaintenanceTicket(Guid.NewGuid(), number, now, [new MaintenanceTicketEvent(now, MaintenanceTicketStep.Opened, null, problem)], null, null);
        var tickets = upkeep.Tickets.Length < KioskMaintenance.TicketsKept ? upkeep.Tickets : upkeep.Tickets.RemoveAt(0);
        logger.LogWarning("Kiosk {KioskId} opened maintenance ticket {Number}: {Problem}", KioskId, number, problem);
        return current with { Kiosk = kiosk with { Maintenance = upkeep with { Tickets = tickets.Add(ticket), TicketCount = number } } };
    }

    private static KioskSnapshot WithTicket(KioskSnapshot kiosk, int index, MaintenanceTicket ticket) =>
        kiosk with { Maintenance = kiosk.Maintenance with { Tickets = kiosk.Maintenance.Tickets.SetItem(index, ticket) } };

    private (MaintenanceTicket Ticket, int Index) OpenTicketOf(Guid ticketId)
    {
        var tickets = RequireRegistered().Maintenance.Tickets;
        var index = tickets.IndexOf(tickets.FirstOrDefault(t => t.TicketId == ticketId)!);
        return index < 0
            ? throw new SosDomainException("ticket-unknown", $"Kiosk '{KioskId}' has no maintenance ticket {ticketId}.", KioskId, ticketId.ToString())
            : tickets[index].IsOpen
                ? (tickets[index], index)
                : throw new SosDomainException("ticket-closed", $"Ticket {tickets[index].Number} of kiosk '{KioskId}' is closed already.", KioskId, tickets[index].Number.ToString(CultureInfo.InvariantCulture));
    }

    private static string Words(string? text, int max, string what) =>
        text?.Trim() is { Length: > 0 } trimmed && trimmed.Length <= max && !trimmed.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t')
            ? trimmed
            : throw new SosDomainException("words-invalid", $"This needs {what}: 1–{max} printable characters.", what, max.ToString(CultureInfo.InvariantCulture));

    /// <summary>Whether the kiosk's own report shows it works: its camera, its audio, and the media loopback if it ran one.</summary>
    private (KioskTestOutcome Outcome, string Detail) Judge(KioskSelfTest report)
    {
        var problems = new List<string>();
        if (!report.CameraOk)
        {
            problems.Add("the camera gave no picture");
        }

        if (!report.AudioOk)
        {
            problems.Add("the microphone or speaker reports a fault");
        }

        if (report.Loopback is { } loop)
        {
            if (loop.Problem is { } problem)
            {
                problems.Add($"the media path failed: {problem}");
            }
            else
            {
                if (loop.VideoFrames <= 0)
                {
                    problems.Add("no video came back through the media server");
                }

                if (loop.AudioLevel < Supervision.TestMinAudioLevel)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"the audio that came back through the media server was too quiet ({loop.AudioLevel:0.###} < {Supervision.TestMinAudioLevel:0.###})"));
                }
            }
        }

        if (problems.Count > 0)
        {
            return (KioskTestOutcome.Failed, string.Join("; ", problems));
        }

        return report.Loopback is { } passed
            ? (KioskTestOutcome.Passed, string.Create(CultureInfo.InvariantCulture, $"camera, audio and the media path work (audio back at {passed.AudioLevel:0.###}, {passed.VideoFrames} video frames back{(passed.RoundTripMs is { } rtt ? $", round trip {rtt} ms" : string.Empty)})"))
            : (KioskTestOutcome.Passed, "camera and audio work (the device checked no media path)");
    }

    private TimeSpan TestCallInterval(KioskSnapshot kiosk) => kiosk.Registration?.TestCallInterval ?? Supervision.TestCallInterval;

    private async Task StopLoopbackAsync()
    {
        if (loopback is { } leg)
        {
            loopback = null;
            await loopbacks.StopAsync(leg);
        }
    }

    /// <summary>Keeps the maintenance reminder due at the next maintenance deadline (or drops it when none is ahead).</summary>
    private async Task KeepMaintenanceReminderAsync(bool refresh = false)
    {
        var deadline = MaintenanceDeadline(Current);
        if (!refresh && maintenanceReminderKnown && deadline == maintenanceReminderFor)
        {
            return;
        }

        try
        {
            if (deadline is { } at)
            {
                var wait = at - clock.GetUtcNow();
                await this.RegisterOrUpdateReminder(MaintenanceReminder, wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait, MaintenanceReminderPeriod);
            }
            else if (await this.GetReminder(MaintenanceReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            (maintenanceReminderFor, maintenanceReminderKnown) = (deadline, true);
        }
        catch (Exception exception)
        {
            // The online kiosk's timer keeps the schedule while this activation lives; the reminder is the backstop.
            logger.LogWarning(exception, "Kiosk {KioskId} could not update its maintenance reminder", KioskId);
        }
    }
}
