using Sos.Grains.Abstractions;

namespace Sos.Grains.Routing;

/// <summary>When a centre's waiting call overflows to its partners, and which partners may take it. Pure.</summary>
public static class OverflowRules
{
    /// <summary>How long a partner's word on its queue counts: it says so every second while it is asked.</summary>
    public static readonly TimeSpan PartnerStateLifetime = TimeSpan.FromSeconds(5);

    /// <summary>The state the centre's queue reads: Full at its maximum, otherwise what its administrator set.</summary>
    public static QueueStateKind StateOf(CentreOverflow rules, int length) =>
        rules.MaxQueue > 0 && length >= rules.MaxQueue ? QueueStateKind.Full : rules.State;

    /// <summary>
    /// Whether <paramref name="call"/> (one of the centre's own, with no offer out) overflows now: the centre has
    /// partners, and it is not Active, or nobody of it is free and that is a rule, or the call waited past the rule's wait.
    /// </summary>
    public static bool ShouldOverflow(WaitingCall call, DateTimeOffset now, CentreOverflow rules, QueueStateKind state, int freeOperators) =>
        !rules.Partners.IsDefaultOrEmpty && call.HomeCentreId is null && !call.IsRinging && (
            state != QueueStateKind.Active
            || (rules.WhenNobodyAvailable && freeOperators == 0)
            || (rules.After is { } after && now - call.WaitingSince >= after));

    /// <summary>Whether a partner, as it last told, takes overflow now: Active or Standby, someone free, and its word is fresh.</summary>
    public static bool Takes(QueueState partner, DateTimeOffset now) =>
        partner.State is QueueStateKind.Active or QueueStateKind.Standby && partner.FreeOperators > 0 && now - partner.At <= PartnerStateLifetime;
}
