namespace Sos.Grains.Abstractions;

/// <summary>
/// One revision of one note on an incident. Notes are never changed in place: an edit adds a revision with the same
/// <paramref name="Number"/>, so what was written first stays readable, with who wrote each and when.
/// </summary>
/// <param name="Number">The note's number on the incident, from 1.</param>
/// <param name="Revision">Its revision, from 1.</param>
/// <param name="Text">What it says.</param>
/// <param name="Author">Who wrote it (<see cref="Actors"/>).</param>
/// <param name="At">When.</param>
[GenerateSerializer, Immutable, Alias("Sos.IncidentNote")]
public sealed record IncidentNote(
    [property: Id(0)] int Number,
    [property: Id(1)] int Revision,
    [property: Id(2)] string Text,
    [property: Id(3)] string Author,
    [property: Id(4)] DateTimeOffset At);
