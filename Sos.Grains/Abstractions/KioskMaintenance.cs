using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>
/// A kiosk's proof that it works (EN 81-28 asks a help point for an automatic test call at least every 3 days): when
/// the next test call is due, the one it is asked now, the latest results, and its maintenance tickets.
/// </summary>
/// <param name="NextTestAt">When the next scheduled test call is due; null while the kiosk is not in service.</param>
/// <param name="PendingTest">The test call the kiosk is asked now, if any.</param>
/// <param name="Tests">The latest test calls, oldest first (at most <see cref="TestsKept"/>).</param>
/// <param name="Tickets">Its latest maintenance tickets, oldest first (at most <see cref="TicketsKept"/>); at most one is open.</param>
/// <param name="TicketCount">Tickets opened in all: the next one's number follows it.</param>
[GenerateSerializer, Immutable, Alias("Sos.KioskMaintenance")]
public sealed record KioskMaintenance(
    [property: Id(0)] DateTimeOffset? NextTestAt,
    [property: Id(1)] KioskTestCall? PendingTest,
    [property: Id(2)] ImmutableArray<KioskTestResult> Tests,
    [property: Id(3)] ImmutableArray<MaintenanceTicket> Tickets,
    [property: Id(4)] int TicketCount)
{
    /// <summary>How many test results a kiosk keeps.</summary>
    public const int TestsKept = 30;

    /// <summary>How many tickets a kiosk keeps (the open one always among them).</summary>
    public const int TicketsKept = 20;

    /// <summary>Nothing scheduled, tested or ticketed yet.</summary>
    public static KioskMaintenance None { get; } = new(null, null, [], [], 0);

    /// <summary>The open ticket, if there is one.</summary>
    public MaintenanceTicket? OpenTicket => Tickets.FirstOrDefault(t => t.IsOpen);

    /// <summary>The latest test call that ended, if any.</summary>
    public KioskTestResult? LastTest => Tests.IsEmpty ? null : Tests[^1];
}
