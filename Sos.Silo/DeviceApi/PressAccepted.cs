using System.ComponentModel;
using System.Text.Json.Serialization;
using Sos.Grains.Abstractions;

namespace Sos.Silo.DeviceApi;

/// <summary>The answer to a press: it is durable, and this is its call.</summary>
/// <param name="CallId">The call the press opened or joined; the same for every retry of the press id.</param>
/// <param name="Status">The call's status now.</param>
/// <param name="Joined">True when the press joined a call that was already open.</param>
public sealed record PressAccepted(
    [property: Description("The call the press opened or joined; the same for every retry of the press id.")] Guid CallId,
    [property: Description("The call's status now."), JsonConverter(typeof(CamelCaseEnumConverter<CallStatus>))] CallStatus Status,
    [property: Description("True when the press joined a call that was already open.")] bool Joined);
