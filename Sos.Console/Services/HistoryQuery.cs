using Sos.Grains.Abstractions;

namespace Sos.Console.Services;

/// <summary>What the history is filtered by. Days are the centre's local days, both ends included.</summary>
/// <param name="From">First day.</param>
/// <param name="To">Last day.</param>
/// <param name="KioskId">Only this kiosk.</param>
/// <param name="Operator">Only calls answered by this login.</param>
/// <param name="Disposition">Only this disposition.</param>
public sealed record HistoryQuery(DateOnly From, DateOnly To, string? KioskId = null, string? Operator = null, CallDisposition? Disposition = null)
{
    /// <summary>Only abandoned calls still waiting for a call back.</summary>
    public bool CallbackOnly { get; init; }

    /// <summary>Whether an ended call matches the filters.</summary>
    public bool Matches(CallLogEntry entry) =>
        entry.Status is CallStatus.Closed or CallStatus.Abandoned
        && (string.IsNullOrEmpty(KioskId) || entry.KioskId == KioskId)
        && (string.IsNullOrEmpty(Operator) || string.Equals(entry.Operator, Operator, StringComparison.OrdinalIgnoreCase))
        && (Disposition is null || entry.Disposition == Disposition)
        && (!CallbackOnly || entry.NeedsCallback);
}
