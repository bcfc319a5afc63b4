using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>One step in a call's timeline.</summary>
/// <param name="At">When it happened (UTC, the server's clock).</param>
/// <param name="Kind">What happened.</param>
/// <param name="Actor">Who did it: <c>kiosk:&lt;id&gt;</c>, <c>operator:&lt;login&gt;</c> or <c>system</c>.</param>
/// <param name="Detail">The detail in English: the operators rung, the reason, the disposition.</param>
/// <param name="Code">
/// The detail as a stable code (see <see cref="TimelineDetail"/>), so that a console words it in its user's language
/// with <paramref name="Values"/>; null for a detail that is only text.
/// </param>
/// <param name="Values">The values the coded detail names, in order (times as ISO 8601, people's words as typed).</param>
[GenerateSerializer, Immutable, Alias("Sos.CallEvent")]
public sealed record CallEvent(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] CallEventKind Kind,
    [property: Id(2)] string Actor,
    [property: Id(3)] string? Detail,
    [property: Id(4)] string? Code = null,
    [property: Id(5)] ImmutableArray<string> Values = default)
{
    /// <summary>A step whose detail is <paramref name="detail"/>, in English and as a code.</summary>
    public static CallEvent Of(DateTimeOffset at, CallEventKind kind, string actor, TimelineDetail? detail) =>
        new(at, kind, actor, detail?.English, detail?.Code, detail?.Values ?? []);
}
