namespace Sos.Grains.Abstractions;

/// <summary>An operator's presence, current call and counters. Also the operator grain's persisted state.</summary>
/// <param name="Login">The operator's login (the grain key).</param>
/// <param name="CentreId">The operations centre they last signed in to; null before that.</param>
/// <param name="Presence">Their presence now.</param>
/// <param name="PresenceSince">When that presence began.</param>
/// <param name="PresenceReason">Why, when Sos chose it (such as a break after missed offers).</param>
/// <param name="CallId">The call that rings them, that they talk on, or that they wrap up.</param>
/// <param name="IdleSince">When they last became free to take a call.</param>
/// <param name="WrapUpUntil">When their wrap-up ends by itself.</param>
/// <param name="Answered">Calls answered.</param>
/// <param name="Missed">Offers missed.</param>
/// <param name="MissedInRow">Offers missed since the last answer.</param>
/// <param name="TalkTime">Time spent connected, in all.</param>
/// <param name="HasConsole">Their console reports in: Sos signs them out when it stops (Id 12 was a version, now unused).</param>
/// <param name="Cause">What <paramref name="PresenceReason"/> says, as a code the console words in its user's language.</param>
/// <param name="RingAttempt">The offer of <paramref name="CallId"/> that rings them (kept in memory: a ring is not written).</param>
[GenerateSerializer, Immutable, Alias("Sos.OperatorSnapshot")]
public sealed record OperatorSnapshot(
    [property: Id(0)] string Login,
    [property: Id(1)] string? CentreId,
    [property: Id(2)] OperatorPresence Presence,
    [property: Id(3)] DateTimeOffset PresenceSince,
    [property: Id(4)] string? PresenceReason,
    [property: Id(5)] Guid? CallId,
    [property: Id(6)] DateTimeOffset? IdleSince,
    [property: Id(7)] DateTimeOffset? WrapUpUntil,
    [property: Id(8)] int Answered,
    [property: Id(9)] int Missed,
    [property: Id(10)] int MissedInRow,
    [property: Id(11)] TimeSpan TalkTime,
    [property: Id(13)] bool HasConsole = false,
    [property: Id(14)] int RingAttempt = 0,
    [property: Id(15)] PresenceCause? Cause = null)
{
    /// <summary>Whether routing may offer them a call now.</summary>
    public bool IsFree => Presence == OperatorPresence.Available;
}
