namespace Sos.Grains.Abstractions;

/// <summary>What the operator records when ending a conversation.</summary>
/// <param name="Disposition">How the call ended.</param>
/// <param name="IncidentCategory">Incident category, if one was registered.</param>
/// <param name="PatrolUnit">The patrol unit sent, if any.</param>
[GenerateSerializer, Immutable, Alias("Sos.CallClosure")]
public sealed record CallClosure(
    [property: Id(0)] CallDisposition Disposition,
    [property: Id(1)] string? IncidentCategory = null,
    [property: Id(2)] string? PatrolUnit = null);
