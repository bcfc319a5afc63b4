namespace Sos.Grains.Abstractions;

/// <summary>One call in a centre's daily call log: what the history lists and exports.</summary>
/// <param name="CallId">The call.</param>
/// <param name="KioskId">Its kiosk.</param>
/// <param name="KioskName">The kiosk's name at the time.</param>
/// <param name="District">The kiosk's district at the time.</param>
/// <param name="Status">Connected, WrapUp, Closed or Abandoned.</param>
/// <param name="Priority">Its priority.</param>
/// <param name="IsTest">A test call (kiosk in commissioning).</param>
/// <param name="OpenedAt">When the press arrived.</param>
/// <param name="ConnectedAt">When an operator answered.</param>
/// <param name="EndedAt">When it was abandoned or the conversation ended.</param>
/// <param name="ClosedAt">When it was closed.</param>
/// <param name="Operator">Who answered it (the last one, after a take-over or reassignment).</param>
/// <param name="Disposition">How it ended.</param>
/// <param name="IncidentCategory">The incident category.</param>
/// <param name="PatrolUnit">The patrol unit sent.</param>
/// <param name="NeedsCallback">Abandoned and not yet called back.</param>
/// <param name="PressCount">Presses that opened or joined it.</param>
[GenerateSerializer, Immutable, Alias("Sos.CallLogEntry")]
public sealed record CallLogEntry(
    [property: Id(0)] Guid CallId,
    [property: Id(1)] string KioskId,
    [property: Id(2)] string KioskName,
    [property: Id(3)] string District,
    [property: Id(4)] CallStatus Status,
    [property: Id(5)] CallPriority Priority,
    [property: Id(6)] bool IsTest,
    [property: Id(7)] DateTimeOffset OpenedAt,
    [property: Id(8)] DateTimeOffset? ConnectedAt,
    [property: Id(9)] DateTimeOffset? EndedAt,
    [property: Id(10)] DateTimeOffset? ClosedAt,
    [property: Id(11)] string? Operator,
    [property: Id(12)] CallDisposition? Disposition,
    [property: Id(13)] string? IncidentCategory,
    [property: Id(14)] string? PatrolUnit,
    [property: Id(15)] bool NeedsCallback,
    [property: Id(16)] int PressCount)
{
    /// <summary>How long the person waited for an answer; null when nobody answered.</summary>
    public TimeSpan? AnswerTime => ConnectedAt - OpenedAt;

    /// <summary>The entry for a call as it is now.</summary>
    public static CallLogEntry From(CallSnapshot call) => new(
        call.CallId,
        call.KioskId,
        call.Kiosk?.Name ?? (call.Citizen is { } citizen ? $"102 · {citizen.Request.Name ?? Actors.Anonymous}" : call.KioskId),
        call.Kiosk?.District ?? string.Empty,
        call.Status,
        call.Priority,
        call.IsTest,
        call.OpenedAt,
        call.ConnectedAt,
        call.EndedAt,
        call.ClosedAt,
        call.ConnectedOperator,
        call.Disposition,
        call.IncidentCategory,
        call.PatrolUnit,
        call.NeedsCallback,
        call.PressCount);
}
