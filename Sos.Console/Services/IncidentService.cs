using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using Sos.Console.Hosting;
using Sos.Grains.Abstractions;
using Sos.Grains.Units;

namespace Sos.Console.Services;

/// <summary>What the console does with incidents and patrol units: open from a call, rank the nearest units, send and release them.</summary>
public sealed class IncidentService(IClusterClient client, IOptions<UnitOptions> options, TimeProvider clock)
{
    /// <summary>The unit settings the console shows with (stale fixes, radius, status warnings).</summary>
    public UnitOptions Units => options.Value;

    /// <summary>An incident.</summary>
    public Task<IncidentSnapshot> GetAsync(Guid incidentId) => client.GetIncident(incidentId).GetAsync();

    /// <summary>
    /// The dispatcher on a call opens its incident (one click): the call joins it, it starts where the kiosk stands,
    /// of the category already chosen on the call, if any.
    /// </summary>
    public async Task<IncidentSnapshot> OpenFromCallAsync(string login, CallSnapshot call)
    {
        if (call.IncidentId is { } existing)
        {
            return await client.GetIncident(existing).GetAsync();
        }

        var types = await TypesAsync(call.CentreId);
        var category = IncidentCategories.CodeOf(call.IncidentCategory);
        var type = types.Any(t => t.Code == category && !t.Retired) ? category : null;
        return await client.GetIncident(Guid.NewGuid()).OpenAsync(new IncidentOpening(call.CentreId, call.Channel == CallChannel.Citizen ? IncidentSource.CitizenApp : IncidentSource.KioskCall, Actors.Operator(login), call.CallId, type));
    }

    /// <summary>The centre's open incidents, oldest first.</summary>
    public async Task<IReadOnlyList<IncidentSnapshot>> OpenIncidentsAsync(string centreId)
    {
        var ids = await client.GetIncidentRegister(centreId).OpenAsync();
        return await Task.WhenAll(ids.Select(id => client.GetIncident(id).GetAsync()));
    }

    /// <summary>The centre's incident types.</summary>
    public Task<ImmutableArray<IncidentType>> TypesAsync(string centreId) => client.GetIncidentRegister(centreId).TypesAsync();

    /// <summary>Sets an incident's type and priority.</summary>
    public Task<IncidentSnapshot> ClassifyAsync(Guid incidentId, string? typeCode, int? priority, string login) =>
        client.GetIncident(incidentId).ClassifyAsync(typeCode, priority, Actors.Operator(login));

    /// <summary>Every registered unit of the centre, by callsign.</summary>
    public async Task<IReadOnlyList<UnitSnapshot>> UnitsAsync(string centreId)
    {
        var ids = await client.GetUnitDirectory(centreId).GetAsync();
        var units = await Task.WhenAll(ids.Select(id => client.GetUnit(id).GetAsync()));

        // A unit moved to another centre stays listed in this one's directory: its registration decides.
        return [.. units.Where(u => u.Profile?.CentreId == centreId).OrderBy(u => u.UnitId, StringComparer.Ordinal)];
    }

    /// <summary>The centre's units ranked for the incident; empty while the incident has no location.</summary>
    public ImmutableArray<UnitRanking> Nearest(IncidentSnapshot incident, IEnumerable<UnitSnapshot> units) =>
        incident.Location is { } at ? NearestUnits.Rank(at, units, clock.GetUtcNow(), options.Value) : [];

    /// <summary>Sends a unit to the incident.</summary>
    public Task<IncidentSnapshot> AssignAsync(Guid incidentId, string unitId, double? distanceMeters, string login) =>
        client.GetIncident(incidentId).AssignAsync(unitId, Actors.Operator(login), distanceMeters);

    /// <summary>Takes a unit off the incident.</summary>
    public Task<IncidentSnapshot> ReleaseAsync(Guid incidentId, string unitId, string login) =>
        client.GetIncident(incidentId).ReleaseAsync(unitId, Actors.Operator(login));

    /// <summary>Closes the incident with a disposition, and what the citizens who called or reported it read.</summary>
    public Task<IncidentSnapshot> CloseAsync(Guid incidentId, string disposition, string? publicNote, string login) =>
        client.GetIncident(incidentId).CloseAsync(disposition, Actors.Operator(login), publicNote);

    /// <summary>Puts the incident where it really is; where the caller was stays beside it.</summary>
    public Task<IncidentSnapshot> MoveAsync(Guid incidentId, IncidentLocation location, string login) =>
        client.GetIncident(incidentId).MoveAsync(location with { Source = IncidentLocationSources.Operator }, Actors.Operator(login));

    /// <summary>Adds a note to the incident.</summary>
    public Task<IncidentSnapshot> AddNoteAsync(Guid incidentId, string text, string login) =>
        client.GetIncident(incidentId).AddNoteAsync(text, Actors.Operator(login));

    /// <summary>Edits a note: a new revision, the old text kept.</summary>
    public Task<IncidentSnapshot> ReviseNoteAsync(Guid incidentId, int number, string text, string login) =>
        client.GetIncident(incidentId).ReviseNoteAsync(number, text, Actors.Operator(login));

    /// <summary>Records a person involved.</summary>
    public Task<IncidentSnapshot> AddPersonAsync(Guid incidentId, IncidentPerson person, string login) =>
        client.GetIncident(incidentId).AddPersonAsync(person, Actors.Operator(login));

    /// <summary>Records that two incidents are about the same event.</summary>
    public Task<IncidentSnapshot> LinkAsync(Guid incidentId, Guid otherIncidentId, string login) =>
        client.GetIncident(incidentId).LinkAsync(otherIncidentId, Actors.Operator(login));

    /// <summary>A call joins an incident already open about the same event.</summary>
    public Task<IncidentSnapshot> JoinCallAsync(Guid incidentId, Guid callId, string login) =>
        client.GetIncident(incidentId).JoinCallAsync(callId, Actors.Operator(login));

    /// <summary>Opens a closed or cancelled incident again.</summary>
    public Task<IncidentSnapshot> ReopenAsync(Guid incidentId, string reason, string login) =>
        client.GetIncident(incidentId).ReopenAsync(reason, Actors.Operator(login));

    /// <summary>Adds or changes one of the centre's incident types (an administrator's).</summary>
    public Task<ImmutableArray<IncidentType>> SaveTypeAsync(ConsoleUser acting, IncidentType type)
    {
        acting.Require(AccountRole.Admin, $"change incident type {type.Code}", acting.CentreId);
        return client.GetIncidentRegister(acting.CentreId).SaveTypeAsync(type, acting.Actor);
    }

    /// <summary>The centre's incident number prefix (<c>PVL</c> in <c>PVL-2026-000123</c>).</summary>
    public Task<string> PrefixAsync(string centreId) => client.GetIncidentRegister(centreId).PrefixAsync();

    /// <summary>Sets the centre's incident number prefix for numbers given from now on (an administrator's).</summary>
    public Task<string> SetPrefixAsync(ConsoleUser acting, string prefix)
    {
        acting.Require(AccountRole.Admin, "change the incident number prefix", acting.CentreId);
        return client.GetIncidentRegister(acting.CentreId).SetPrefixAsync(prefix, acting.Actor);
    }

    /// <summary>The unit whose crew <paramref name="login"/> is in; null when none is.</summary>
    public async Task<UnitSnapshot?> UnitOfCrewAsync(string centreId, string login) =>
        (await UnitsAsync(centreId)).FirstOrDefault(u => u.Profile!.Crew.Contains(login, StringComparer.Ordinal));

    /// <summary>A unit as its grain holds it.</summary>
    public Task<UnitSnapshot> UnitAsync(string unitId) => client.GetUnit(unitId).GetAsync();

    /// <summary>The unit's crew reports a step on its assignment.</summary>
    public Task<IncidentSnapshot> ReportStepAsync(Guid incidentId, string unitId, AssignmentStep step, string login) =>
        client.GetIncident(incidentId).ReportAsync(unitId, step, Actors.Operator(login));

    /// <summary>The unit's crew sets a status of its own (available, busy, break, off, out of service).</summary>
    public Task<UnitSnapshot> SetUnitStatusAsync(string unitId, UnitStatus status, string login) =>
        client.GetUnit(unitId).SetStatusAsync(status, Actors.Operator(login));

    /// <summary>The unit's crew's browser sends where it is.</summary>
    public Task<UnitSnapshot> ReportPositionAsync(string unitId, GeoFix fix) => client.GetUnit(unitId).ReportPositionAsync(fix);

    /// <summary>Registers a unit or changes its registration.</summary>
    public Task<UnitSnapshot> RegisterUnitAsync(UnitProfile profile, string login) =>
        client.GetUnit(profile.Callsign).RegisterAsync(profile, Actors.Operator(login));

    /// <summary>Issues a new tracker secret for a unit (shown once).</summary>
    public Task<string> IssueUnitSecretAsync(string unitId, string login) => client.GetUnit(unitId).IssueSecretAsync(Actors.Operator(login));

    /// <summary>The label of an incident type in the current language (its code when the centre has no such type).</summary>
    public static string TypeLabel(IEnumerable<IncidentType> types, string? code) =>
        code is null ? string.Empty : types.FirstOrDefault(t => t.Code == code)?.LabelIn(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) ?? code;

    /// <summary>The incident's EIDO document (NENA-STA-021), with its calls and the units it sent as they are now.</summary>
    public async Task<System.Text.Json.Nodes.JsonObject> EidoAsync(Guid incidentId)
    {
        var incident = await client.GetIncident(incidentId).GetAsync();
        var calls = await Task.WhenAll(incident.CallIds.Select(id => client.GetCall(id).GetAsync()));
        var units = await Task.WhenAll(incident.Assignments.Select(a => a.UnitId).Distinct().Select(id => client.GetUnit(id).GetAsync()));
        var linked = new Dictionary<Guid, string>();
        foreach (var other in incident.LinkedIncidents)
        {
            if (await client.GetIncident(other).ExistsAsync())
            {
                linked[other] = (await client.GetIncident(other).GetAsync()).CentreId;
            }
        }

        return Eido.Write(incident, calls, units, await TypesAsync(incident.CentreId), linked);
    }

    /// <summary>Whether the incident exists.</summary>
    public Task<bool> ExistsAsync(Guid incidentId) => client.GetIncident(incidentId).ExistsAsync();

    /// <summary>The centre's incidents opened from <paramref name="from"/> to <paramref name="to"/> (the centre's days), oldest first.</summary>
    public async Task<IReadOnlyList<IncidentSnapshot>> HistoryAsync(string centreId, DateOnly from, DateOnly to, TimeZoneInfo zone)
    {
        var start = CentreTime.StartOf(from, zone);
        var end = CentreTime.StartOf(to.AddDays(1), zone);
        var ids = await client.GetIncidentRegister(centreId).RecentAsync(int.MaxValue);
        var incidents = await Task.WhenAll(ids.Select(id => client.GetIncident(id).GetAsync()));
        return [.. incidents.Where(i => i.OpenedAt >= start && i.OpenedAt < end).OrderBy(i => i.OpenedAt)];
    }
}
