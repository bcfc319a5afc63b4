using System.Collections.Immutable;
using System.Globalization;

namespace Sos.Grains.Abstractions;

/// <summary>
/// A timeline detail Sos writes itself: a stable code with its values, and the same in English (kept as the step's
/// <see cref="CallEvent.Detail"/>). Consoles word the code in their user's language (<c>Timeline.&lt;code&gt;</c>).
/// </summary>
/// <param name="Code">The detail's code.</param>
/// <param name="Values">What it names, in order.</param>
/// <param name="English">The detail in English.</param>
public sealed record TimelineDetail(string Code, ImmutableArray<string> Values, string English)
{
    private static string Seconds(TimeSpan time, string format) => time.TotalSeconds.ToString(format, CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>The kiosk's press, with the kiosk's own time of it.</summary>
    public static TimelineDetail Pressed(Guid pressId, DateTimeOffset pressedAt) =>
        new("pressed", [pressId.ToString(), Time(pressedAt)], $"press {pressId} at {Time(pressedAt)}");

    /// <summary>A citizen's SOS from a phone (silent: chat only), under the app's request id, as Sos received it.</summary>
    public static TimelineDetail Sos(Guid clientRequestId, DateTimeOffset receivedAt, bool silent) => silent
        ? new("sos-silent", [clientRequestId.ToString(), Time(receivedAt)], $"silent SOS {clientRequestId} received at {Time(receivedAt)}")
        : new("sos", [clientRequestId.ToString(), Time(receivedAt)], $"SOS {clientRequestId} received at {Time(receivedAt)}");

    /// <summary>Another press of the same kiosk joined the call.</summary>
    public static TimelineDetail PressJoined(Guid pressId, DateTimeOffset pressedAt, CallPriority priority) =>
        new("press-joined", [pressId.ToString(), Time(pressedAt), priority.ToString()], $"press {pressId} at {Time(pressedAt)}, priority {priority}");

    /// <summary>A test call (a kiosk in commissioning).</summary>
    public static TimelineDetail TestCall { get; } = new("test-call", [], "test call");

    /// <summary>An offer rings <paramref name="operators"/>, perhaps in a partner centre.</summary>
    public static TimelineDetail Ringing(int attempt, IEnumerable<string> operators, string? overflowCentre)
    {
        var rung = string.Join(", ", operators);
        var number = attempt.ToString(CultureInfo.InvariantCulture);
        return overflowCentre is null
            ? new("ringing", [number, rung], $"attempt {number}: {rung}")
            : new("ringing-overflow", [number, rung, overflowCentre], $"attempt {number}: {rung} (overflow to centre {overflowCentre})");
    }

    /// <summary>The call was answered after <paramref name="waited"/>, perhaps in a partner centre.</summary>
    public static TimelineDetail Answered(TimeSpan waited, string? overflowCentre) => overflowCentre is null
        ? new("answered", [Seconds(waited, "0.0")], $"answered after {Seconds(waited, "0.0")} s")
        : new("answered-overflow", [Seconds(waited, "0.0"), overflowCentre], $"answered after {Seconds(waited, "0.0")} s in centre {overflowCentre} (overflow)");

    /// <summary>An operator did not answer within the ring time.</summary>
    public static TimelineDetail Missed(TimeSpan ringTimeout) =>
        new("missed", [Seconds(ringTimeout, "0.#")], $"no answer in {Seconds(ringTimeout, "0.#")} s");

    /// <summary>The caller hung up unanswered; the call waits for a call back.</summary>
    public static TimelineDetail Abandoned(TimeSpan waited) =>
        new("abandoned", [Seconds(waited, "0.0")], $"hung up after {Seconds(waited, "0.0")} s; call back");

    /// <summary>The call passed the answering target.</summary>
    public static TimelineDetail Escalated(TimeSpan waited) =>
        new("escalated", [Seconds(waited, "0")], $"waiting {Seconds(waited, "0")} s");

    /// <summary>The wrap-up began with this disposition.</summary>
    public static TimelineDetail WrapUp(CallDisposition disposition) =>
        new("disposition", [disposition.ToString()], disposition.ToString());

    /// <summary>The incident's category and patrol as recorded (either may be missing; both missing clears them).</summary>
    public static TimelineDetail Incident(string? category, string? patrolUnit) => (category, patrolUnit) switch
    {
        ({ Length: > 0 } c, { Length: > 0 } p) => new("incident", [c, p], $"category {c}, patrol {p} sent"),
        ({ Length: > 0 } c, _) => new("incident-category", [c], $"category {c}"),
        (_, { Length: > 0 } p) => new("incident-patrol", [p], $"patrol {p} sent"),
        _ => new("incident-cleared", [], "incident cleared"),
    };

    /// <summary>The call joined incident <paramref name="number"/>.</summary>
    public static TimelineDetail JoinedIncident(string number) => new("incident-joined", [number], $"incident {number}");

    /// <summary>A supervisor announced a take-over of the call from <paramref name="from"/>.</summary>
    public static TimelineDetail TakeOverAnnounced(string from, TimeSpan notice, string reason) =>
        new("take-over-announced", [from, Seconds(notice, "0"), reason], $"takes over from {from} in {Seconds(notice, "0")} s: {reason}");

    /// <summary>A supervisor took the call over from <paramref name="from"/>.</summary>
    public static TimelineDetail TakenOver(string from, string reason) => new("taken-over", [from, reason], $"from {from}: {reason}");

    /// <summary>A supervisor gave the connected call from one operator to another.</summary>
    public static TimelineDetail Reassigned(string from, string to, string reason) =>
        new("reassigned", [from, to, reason], $"from {from} to {to}: {reason}");

    /// <summary>A supervisor gave the waiting call to an operator.</summary>
    public static TimelineDetail ReassignedWaiting(string to, string reason) => new("reassigned-waiting", [to, reason], $"to {to}: {reason}");

    /// <summary>A supervisor listened in silently from <paramref name="at"/>.</summary>
    public static TimelineDetail ListenedIn(string login, DateTimeOffset at) =>
        new("listened-in", [login, Time(at)], $"{login} listened in silently from {at.UtcDateTime:HH:mm:ss} UTC");
}
