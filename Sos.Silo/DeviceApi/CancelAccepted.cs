using System.ComponentModel;
using System.Text.Json.Serialization;
using Sos.Grains.Abstractions;

namespace Sos.Silo.DeviceApi;

/// <summary>The answer to a cancel (the person hung up).</summary>
/// <param name="CallId">The call.</param>
/// <param name="Status">
/// Its status after the hang-up: <c>abandoned</c> before an answer (kept for a call back); after an answer the
/// operator's call goes on (<c>connected</c>, <c>wrapUp</c>, <c>closed</c>) and the hang-up is recorded.
/// </param>
public sealed record CancelAccepted(
    Guid CallId,
    [property: Description("abandoned before an answer (kept for a call back); after an answer the call's status goes on and the hang-up is recorded."), JsonConverter(typeof(CamelCaseEnumConverter<CallStatus>))] CallStatus Status);
