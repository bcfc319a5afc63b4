using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>
/// The incident register of one operations centre, keyed by centre id: it numbers incidents (per year), lists the
/// incidents (the open ones first), and holds the centre's incident types. It awaits nobody.
/// </summary>
public interface IIncidentRegisterGrain : IGrainWithStringKey
{
    /// <summary>
    /// Gives <paramref name="incidentId"/> its number for <paramref name="year"/> and lists it as open. Asking again for
    /// the same incident returns the number it already has (an incident's retried opening never takes a second one).
    /// </summary>
    Task<string> NumberAsync(Guid incidentId, int year);

    /// <summary>An incident ended (closed or cancelled) or opened again: the list shows it so.</summary>
    Task MarkAsync(Guid incidentId, bool open);

    /// <summary>The incidents still open, oldest first.</summary>
    Task<ImmutableArray<Guid>> OpenAsync();

    /// <summary>The most recent incidents, open or not, newest first, at most <paramref name="count"/>.</summary>
    Task<ImmutableArray<Guid>> RecentAsync(int count);

    /// <summary>The centre's incident types: what was seeded, as administrators changed it.</summary>
    Task<ImmutableArray<IncidentType>> TypesAsync();

    /// <summary>
    /// Adds a type or changes one (by code): labels, default priority, retired. Refused (<c>incident-type-invalid</c>)
    /// when the code is not lower-case letters, digits and dashes, or the priority is not 1–5, or no label is given.
    /// </summary>
    Task<ImmutableArray<IncidentType>> SaveTypeAsync(IncidentType type, string actor);

    /// <summary>The prefix of the centre's incident numbers (<c>PVL</c>), as set or made from the centre id.</summary>
    Task<string> PrefixAsync();

    /// <summary>Sets the prefix of numbers given from now on (2–6 capital letters or digits).</summary>
    Task<string> SetPrefixAsync(string prefix, string actor);
}
