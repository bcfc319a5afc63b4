using System.ComponentModel;
using System.Text.Json.Serialization;
using Sos.Grains.Abstractions;

namespace Sos.Silo.DeviceApi;

/// <summary>A call as its kiosk sees it: enough to light the "call received" lamp.</summary>
/// <param name="CallId">The call.</param>
/// <param name="Status">Where the call is: queued, ringing, connected, wrapUp, closed or abandoned.</param>
/// <param name="OperatorConnected">True while an operator talks to the person (light the "call received" lamp).</param>
/// <param name="Answered">True once an operator has answered, also after the conversation ended.</param>
/// <param name="OpenedAt">When Sos received the opening press.</param>
/// <param name="AnsweredAt">When an operator answered, if one did.</param>
public sealed record KioskCallView(
    Guid CallId,
    [property: Description("queued, ringing, connected, wrapUp, closed or abandoned."), JsonConverter(typeof(CamelCaseEnumConverter<CallStatus>))] CallStatus Status,
    [property: Description("True while an operator talks to the person: light the \"call received\" lamp.")] bool OperatorConnected,
    [property: Description("True once an operator has answered, also after the conversation ended.")] bool Answered,
    DateTimeOffset OpenedAt,
    DateTimeOffset? AnsweredAt)
{
    /// <summary>The view of <paramref name="call"/>.</summary>
    public static KioskCallView Of(CallSnapshot call) =>
        new(call.CallId, call.Status, call.Status == CallStatus.Connected, call.ConnectedAt is not null, call.OpenedAt, call.ConnectedAt);
}
