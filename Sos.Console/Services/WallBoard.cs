using Sos.Grains.Abstractions;

namespace Sos.Console.Services;

/// <summary>
/// What the supervisor wall holds between loads: open calls, operators, kiosks and today's log, each updated by the
/// latest snapshot that arrives. <see cref="Load"/> replaces everything with what the grains hold.
/// </summary>
public sealed class WallBoard(string centreId)
{
    private readonly Dictionary<Guid, CallSnapshot> calls = [];
    private readonly Dictionary<string, OperatorSnapshot> operators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KioskSnapshot> kiosks = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, CallLogEntry> todayLog = [];

    /// <summary>The centre shown.</summary>
    public string CentreId { get; } = centreId;

    /// <summary>The centre's local day the figures count.</summary>
    public DateOnly Today { get; private set; }

    /// <summary>The centre's time zone.</summary>
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>Open calls: waiting ones first (longest waiting first), then connected ones.</summary>
    public IReadOnlyList<CallSnapshot> OpenCalls =>
        [.. calls.Values.OrderBy(c => c.IsWaiting ? 0 : 1).ThenByDescending(c => c.IsWaiting ? c.Priority : CallPriority.Test).ThenBy(c => c.OpenedAt)];

    /// <summary>Operators by login.</summary>
    public IReadOnlyList<OperatorSnapshot> Operators => [.. operators.Values.OrderBy(o => o.Login, StringComparer.Ordinal)];

    /// <summary>Kiosks by id.</summary>
    public IReadOnlyList<KioskSnapshot> Kiosks => [.. kiosks.Values.OrderBy(k => k.KioskId, StringComparer.Ordinal)];

    /// <summary>The centre's queue state first, then its partner centres'.</summary>
    public IReadOnlyList<QueueState> Queues { get; private set; } = [];

    /// <summary>Today's figures at <paramref name="now"/>.</summary>
    public DayFigures Figures(DateTimeOffset now) => DayFigures.Compute(todayLog.Values, calls.Values, now);

    /// <summary>Replaces everything with a fresh load.</summary>
    public void Load(WallSnapshot snapshot)
    {
        calls.Clear();
        operators.Clear();
        kiosks.Clear();
        todayLog.Clear();
        Today = snapshot.Today;
        Zone = snapshot.Zone;
        Queues = snapshot.Queues;
        foreach (var call in snapshot.OpenCalls)
        {
            calls[call.CallId] = call;
        }

        foreach (var op in snapshot.Operators)
        {
            operators[op.Login] = op;
        }

        foreach (var kiosk in snapshot.Kiosks)
        {
            kiosks[kiosk.KioskId] = kiosk;
        }

        foreach (var entry in snapshot.TodayLog)
        {
            todayLog[entry.CallId] = entry;
        }
    }

    /// <summary>Fresh queue states (read every couple of seconds: they change with every call).</summary>
    public void Apply(IReadOnlyList<QueueState> queues) => Queues = queues;

    /// <summary>A call changed.</summary>
    public void Apply(CallSnapshot call)
    {
        if (call.IsOpen)
        {
            calls[call.CallId] = call;
        }
        else
        {
            calls.Remove(call.CallId);
        }

        if (call.Status is CallStatus.Connected or CallStatus.WrapUp or CallStatus.Closed or CallStatus.Abandoned
            && CentreTime.DayOf(call.OpenedAt, Zone) == Today)
        {
            todayLog[call.CallId] = CallLogEntry.From(call);
        }
    }

    /// <summary>An operator changed.</summary>
    public void Apply(OperatorSnapshot op)
    {
        if (op.CentreId == CentreId)
        {
            operators[op.Login] = op;
        }
        else
        {
            operators.Remove(op.Login);
        }
    }

    /// <summary>A kiosk changed.</summary>
    public void Apply(KioskSnapshot kiosk)
    {
        if (kiosk.Registration?.CentreId == CentreId)
        {
            kiosks[kiosk.KioskId] = kiosk;
        }
        else
        {
            kiosks.Remove(kiosk.KioskId);
        }
    }

    /// <summary>The call an operator is on, rung with or wrapping up, if the wall holds it.</summary>
    public CallSnapshot? CallOf(OperatorSnapshot op) => op.CallId is { } id && calls.TryGetValue(id, out var call) ? call : null;
}
