using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>A call session: its state, its incident record and its timeline. Also the call grain's persisted state.</summary>
/// <param name="CallId">The call's id.</param>
/// <param name="KioskId">The kiosk that opened it (for a citizen's SOS <see cref="CitizenIds.Caller"/> of its session); empty while the call does not exist.</param>
/// <param name="Kiosk">The kiosk's registration at the time of the press; null for a citizen's SOS.</param>
/// <param name="Status">Where the call is in its life.</param>
/// <param name="Priority">How urgent it is.</param>
/// <param name="IsTest">Opened by a kiosk in commissioning.</param>
/// <param name="PressCount">Presses that opened or joined it.</param>
/// <param name="OpenedAt">When Sos received the opening press (UTC).</param>
/// <param name="RingingOperators">Who it rings now (several with ring-all).</param>
/// <param name="RingingSince">When the current ring began.</param>
/// <param name="Attempt">How many offers have been made, the current one included.</param>
/// <param name="ConnectedOperator">Who answered.</param>
/// <param name="ConnectedAt">When it was answered.</param>
/// <param name="EndedAt">When it was abandoned, or when the conversation ended.</param>
/// <param name="ClosedAt">When it was closed.</param>
/// <param name="Notes">The operator's notes.</param>
/// <param name="IncidentCategory">Incident category.</param>
/// <param name="PatrolUnit">The patrol unit sent.</param>
/// <param name="Disposition">How it ended.</param>
/// <param name="NeedsCallback">Abandoned before an answer: somebody should call back.</param>
/// <param name="Escalated">It waited past the service-level threshold.</param>
/// <param name="Timeline">Every step, oldest first.</param>
/// <param name="RingDeadline">When the current ring times out: the call runs its own ring timer.</param>
/// <param name="OfferedBy">The centre whose routing made the current (or last) offer: a partner's when the call overflowed.</param>
/// <param name="IncidentId">The incident the call is about, once a dispatcher opened it or joined the call to it.</param>
/// <param name="IncidentNumber">That incident's number.</param>
/// <param name="TakeOverNotice">A supervisor's warning that they take the connected call over, until they do or withdraw.</param>
/// <param name="Citizen">The citizen of an SOS from a phone, as their session last told the call; null for a kiosk's call.</param>
[GenerateSerializer, Immutable, Alias("Sos.CallSnapshot")]
public sealed record CallSnapshot(
    [property: Id(0)] Guid CallId,
    [property: Id(1)] string KioskId,
    [property: Id(2)] KioskRegistration? Kiosk,
    [property: Id(3)] CallStatus Status,
    [property: Id(4)] CallPriority Priority,
    [property: Id(5)] bool IsTest,
    [property: Id(6)] int PressCount,
    [property: Id(7)] DateTimeOffset OpenedAt,
    [property: Id(8)] ImmutableArray<string> RingingOperators,
    [property: Id(9)] DateTimeOffset? RingingSince,
    [property: Id(10)] int Attempt,
    [property: Id(11)] string? ConnectedOperator,
    [property: Id(12)] DateTimeOffset? ConnectedAt,
    [property: Id(13)] DateTimeOffset? EndedAt,
    [property: Id(14)] DateTimeOffset? ClosedAt,
    [property: Id(15)] string Notes,
    [property: Id(16)] string? IncidentCategory,
    [property: Id(17)] string? PatrolUnit,
    [property: Id(18)] CallDisposition? Disposition,
    [property: Id(19)] bool NeedsCallback,
    [property: Id(20)] bool Escalated,
    [property: Id(21)] ImmutableArray<CallEvent> Timeline,
    [property: Id(22)] DateTimeOffset? RingDeadline = null,
    [property: Id(23)] string? OfferedBy = null,
    [property: Id(24)] TakeOverNotice? TakeOverNotice = null,
    [property: Id(25)] Guid? IncidentId = null,
    [property: Id(26)] string? IncidentNumber = null,
    [property: Id(27)] CitizenCaller? Citizen = null)
{
    /// <summary>The state of a call id nobody opened.</summary>
    public static CallSnapshot None(Guid callId) => new(
        callId, string.Empty, null, CallStatus.Queued, CallPriority.Normal, false, 0, default,
        [], null, 0, null, null, null, null, string.Empty, null, null, null, false, false, []);

    /// <summary>Whether a kiosk opened this call.</summary>
    public bool Exists => KioskId.Length > 0;

    /// <summary>Whether the call still waits for an answer.</summary>
    public bool IsWaiting => Exists && Status is CallStatus.Queued or CallStatus.Ringing;

    /// <summary>Whether a further press on the kiosk joins this call.</summary>
    public bool IsOpen => Exists && Status is CallStatus.Queued or CallStatus.Ringing or CallStatus.Connected;

    /// <summary>The operations centre that routes the call.</summary>
    public string CentreId => Kiosk?.CentreId ?? Citizen?.CentreId ?? SosConstants.DefaultCentreId;

    /// <summary>How the call reached the centre.</summary>
    public CallChannel Channel => Citizen is null ? CallChannel.Kiosk : CallChannel.Citizen;

    /// <summary>Where the caller is: the kiosk's place, or the phone's latest fix (with its accuracy); null when unknown.</summary>
    public (double Latitude, double Longitude, double? AccuracyMeters)? CallerPlace =>
        Kiosk is { } kiosk ? (kiosk.Latitude, kiosk.Longitude, null)
        : Citizen?.Location is { } fix ? (fix.Latitude, fix.Longitude, fix.AccuracyMeters) : null;
}
