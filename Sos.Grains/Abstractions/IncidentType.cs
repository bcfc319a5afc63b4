using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>One type of incident a centre records, with its labels in the console's languages.</summary>
/// <param name="Code">Its code (lower-case, stable: what exports carry), such as <c>assault</c>.</param>
/// <param name="Labels">Its label per language (<c>ru</c>, <c>kk</c>, <c>en</c>).</param>
/// <param name="DefaultPriority">The priority an incident of this type starts with (1–5).</param>
/// <param name="Retired">No longer offered for new incidents; kept so older incidents still read.</param>
/// <param name="Apco">The APCO common incident type it corresponds to, where one fits (such as <c>Assault</c>).</param>
[GenerateSerializer, Immutable, Alias("Sos.IncidentType")]
public sealed record IncidentType(
    [property: Id(0)] string Code,
    [property: Id(1)] ImmutableDictionary<string, string> Labels,
    [property: Id(2)] int DefaultPriority,
    [property: Id(3)] bool Retired = false,
    [property: Id(4)] string? Apco = null)
{
    /// <summary>Its label in <paramref name="language"/>, else English, else its code.</summary>
    public string LabelIn(string language) =>
        Labels.TryGetValue(language, out var label) && !string.IsNullOrWhiteSpace(label) ? label
        : Labels.TryGetValue(Languages.English, out var english) && !string.IsNullOrWhiteSpace(english) ? english : Code;
}
