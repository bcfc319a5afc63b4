using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Sos.Grains.Abstractions;
using Sos.Grains.Storage;

namespace Sos.Grains.Incidents;

/// <summary>One centre's incident register: numbers per year, the list, the incident types. A leaf: it awaits only the audit trail.</summary>
public sealed partial class IncidentRegisterGrain(
    [PersistentState("incident-register", SosConstants.StateStore)] IPersistentState<IncidentRegisterState> state) : Grain, IIncidentRegisterGrain
{
    private IncidentRegisterState Current => state.RecordExists ? state.State : IncidentRegisterState.Empty;

    private string CentreId => this.GetPrimaryKeyString();

    private ImmutableArray<IncidentType> Types => Current.Types.IsDefault ? SeededIncidentTypes.All : Current.Types;

    /// <inheritdoc />
    public async Task<string> NumberAsync(Guid incidentId, int year)
    {
        if (Current.Numbers.TryGetValue(incidentId, out var given))
        {
            return given;
        }

        var next = Current.LastNumber.GetValueOrDefault(year) + 1;
        var number = string.Create(CultureInfo.InvariantCulture, $"{PrefixOf(Current)}-{year:0000}-{next:000000}");
        await state.CommitAsync(Current with
        {
            LastNumber = Current.LastNumber.SetItem(year, next),
            Numbers = Current.Numbers.Add(incidentId, number),
            Order = Current.Order.Add(incidentId),
            Open = Current.Open.Add(incidentId),
        });
        return number;
    }

    /// <inheritdoc />
    public async Task MarkAsync(Guid incidentId, bool open)
    {
        if (!Current.Numbers.ContainsKey(incidentId) || Current.Open.Contains(incidentId) == open)
        {
            return;
        }

        await state.CommitAsync(Current with { Open = open ? Current.Open.Add(incidentId) : Current.Open.Remove(incidentId) });
    }

    /// <inheritdoc />
    public Task<ImmutableArray<Guid>> OpenAsync() =>
        Task.FromResult(Current.Order.Where(Current.Open.Contains).ToImmutableArray());

    /// <inheritdoc />
    public Task<ImmutableArray<Guid>> RecentAsync(int count) =>
        Task.FromResult(Current.Order.Reverse().Take(Math.Max(0, count)).ToImmutableArray());

    /// <inheritdoc />
    public Task<ImmutableArray<IncidentType>> TypesAsync() => Task.FromResult(Types);

    /// <inheritdoc />
    public async Task<ImmutableArray<IncidentType>> SaveTypeAsync(IncidentType type, string actor)
    {
        var problems = new List<string>();
        if (type.Code is null || !CodeFormat().IsMatch(type.Code))
        {
            problems.Add("a code of lower-case letters, digits and dashes (up to 40)");
        }

        if (type.DefaultPriority is < IncidentSnapshot.HighestPriority or > IncidentSnapshot.LowestPriority)
        {
            problems.Add("a default priority from 1 to 5");
        }

        var labels = (type.Labels ?? ImmutableDictionary<string, string>.Empty)
            .Where(l => Languages.IsSupported(l.Key) && !string.IsNullOrWhiteSpace(l.Value))
            .ToImmutableDictionary(l => l.Key, l => l.Value.Trim(), StringComparer.Ordinal);
        if (labels.IsEmpty)
        {
            problems.Add("a label in at least one of ru, kk, en");
        }

        if (problems.Count > 0)
        {
            throw new SosDomainException("incident-type-invalid", $"An incident type needs {string.Join(", ", problems)}.", string.Join(", ", problems));
        }

        var cleaned = type with { Labels = labels, Apco = string.IsNullOrWhiteSpace(type.Apco) ? null : type.Apco.Trim() };
        var index = Types.Select(t => t.Code).ToList().IndexOf(cleaned.Code!);
        if (index >= 0 && Same(Types[index], cleaned))
        {
            return Types;
        }

        var types = index >= 0 ? Types.SetItem(index, cleaned) : Types.Add(cleaned);
        await state.CommitAsync(Current with { Types = types });
        await AuditAsync(actor, $"incident type {cleaned.Code}: {cleaned.LabelIn(Languages.English)}, priority {cleaned.DefaultPriority}{(cleaned.Retired ? ", retired" : string.Empty)}");
        return Types;
    }

    /// <inheritdoc />
    public Task<string> PrefixAsync() => Task.FromResult(PrefixOf(Current));

    /// <inheritdoc />
    public async Task<string> SetPrefixAsync(string prefix, string actor)
    {
        var cleaned = prefix?.Trim().ToUpperInvariant() ?? string.Empty;
        if (!PrefixFormat().IsMatch(cleaned))
        {
            throw new SosDomainException("incident-prefix-invalid", $"An incident number prefix is 2 to 6 capital letters or digits, not '{prefix}'.", prefix ?? string.Empty);
        }

        if (cleaned != PrefixOf(Current))
        {
            var before = PrefixOf(Current);
            await state.CommitAsync(Current with { Prefix = cleaned });
            await AuditAsync(actor, $"incident number prefix {before} → {cleaned}");
        }

        return cleaned;
    }

    private static bool Same(IncidentType a, IncidentType b) =>
        a with { Labels = b.Labels } == b && a.Labels.Count == b.Labels.Count && a.Labels.All(l => b.Labels.TryGetValue(l.Key, out var v) && v == l.Value);

    private string PrefixOf(IncidentRegisterState register)
    {
        if (register.Prefix is { } set)
        {
            return set;
        }

        var made = new string([.. CentreId.ToUpperInvariant().Where(char.IsAsciiLetterOrDigit).Take(3)]);
        return made.Length >= 2 ? made : "INC";
    }

    private Task AuditAsync(string actor, string detail) =>
        GrainFactory.GetAudit().AppendAsync(new AuditRecord(actor, AuditActions.SettingsChanged, $"centre:{CentreId}", detail));

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex CodeFormat();

    [GeneratedRegex("^[A-Z0-9]{2,6}$")]
    private static partial Regex PrefixFormat();
}
