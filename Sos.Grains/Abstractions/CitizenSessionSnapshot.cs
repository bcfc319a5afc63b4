using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>Where a citizen's SOS is, as the citizen is told.</summary>
public enum CitizenSessionStatus
{
    /// <summary>Waiting for an operator.</summary>
    Waiting,

    /// <summary>An operator is on the call.</summary>
    Connected,

    /// <summary>The call ended (the operator finished it, or the citizen hung up after an answer).</summary>
    Ended,

    /// <summary>The citizen cancelled it before an answer.</summary>
    Cancelled,
}

/// <summary>One citizen SOS session: the citizen's side of an SOS call. Also the session grain's persisted state.</summary>
/// <param name="SessionId">Its id, from <see cref="CitizenIds.Sos"/>; the call has the same id.</param>
/// <param name="Secret">What the phone signs its later requests with (returned in the answer to the SOS, and to its retries).</param>
/// <param name="StartedAt">When Sos received the SOS (UTC).</param>
/// <param name="Status">Where it is.</param>
/// <param name="Caller">The citizen, their place and the chat (the call holds a copy).</param>
/// <param name="Events">What the citizen was told, oldest first.</param>
/// <param name="Ignored">Parts of the SOS Sos could not use, in words (an SOS is never refused for them).</param>
[GenerateSerializer, Immutable, Alias("Sos.CitizenSessionSnapshot")]
public sealed record CitizenSessionSnapshot(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] string Secret,
    [property: Id(2)] DateTimeOffset StartedAt,
    [property: Id(3)] CitizenSessionStatus Status,
    [property: Id(4)] CitizenCaller? Caller,
    [property: Id(5)] ImmutableArray<CitizenStatusEvent> Events,
    [property: Id(6)] ImmutableArray<string> Ignored)
{
    /// <summary>Whether an SOS opened this session.</summary>
    public bool Exists => Caller is not null;

    /// <summary>Whether the call is still on (waiting or talking).</summary>
    public bool IsOpen => Status is CitizenSessionStatus.Waiting or CitizenSessionStatus.Connected;

    /// <summary>Whether the citizen still hears of the incident the call is about (its stream goes on after the call until it closes).</summary>
    public bool FollowsIncident =>
        Events.Any(e => e.Kind == CitizenStatusEvent.Kinds.Incident) && !Events.Any(e => e.Kind == CitizenStatusEvent.Kinds.IncidentClosed);
}
