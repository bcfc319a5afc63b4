using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sos.Grains.Abstractions;
using Sos.Grains.Storage;
using Sos.Grains.Streams;

namespace Sos.Grains.Incidents;

/// <summary>
/// One incident: the one owner of its status, location, notes, people and assignments. It awaits the calls that join
/// it, the units it sends, its centre and its register; none of them awaits it, so nothing can wait in a circle.
/// Each change is written before the incident answers and is then published on the centre's incident-changes stream.
/// </summary>
public sealed class IncidentGrain(
    [PersistentState("incident", SosConstants.StateStore)] IPersistentState<IncidentSnapshot> state,
    [FromKeyedServices(SosConstants.ClockKey)] TimeProvider clock,
    ILogger<IncidentGrain> logger) : Grain, IIncidentGrain
{
    /// <summary>The priority of an incident nobody gave one, whose type gives none.</summary>
    public const int DefaultPriority = 3;

    private const int MaxText = 4000;

    private const int MaxPublicNote = 2000;

    private Guid IncidentId => this.GetPrimaryKey();

    private IncidentSnapshot Incident => state.RecordExists
        ? (state.State.CitizenItems.IsDefault ? state.State with { CitizenItems = [] } : state.State)
        : throw new UnknownIncidentException(IncidentId);

    /// <inheritdoc />
    public Task<IncidentSnapshot> GetAsync() => Task.FromResult(Incident);

    /// <inheritdoc />
    public Task<bool> ExistsAsync() => Task.FromResult(state.RecordExists);

    /// <inheritdoc />
    public async Task<IncidentSnapshot> OpenAsync(IncidentOpening opening)
    {
        if (state.RecordExists)
        {
            return Incident;
        }

        var now = clock.GetUtcNow();
        CallSnapshot? call = null;
        if (opening.CallId is { } callId)
        {
            call = await GrainFactory.GetCall(callId).GetAsync();
            if (!call.Exists)
            {
                throw new UnknownCallException(callId, "does not exist");
            }

            if (call.IncidentId is { } other && other != IncidentId)
            {
                throw new SosDomainException("call-has-incident", $"Call {callId} is about incident {call.IncidentNumber} already.", call.IncidentNumber ?? string.Empty);
            }
        }

        var centreId = call?.CentreId ?? opening.CentreId;
        if (string.IsNullOrWhiteSpace(centreId))
        {
            throw new SosDomainException("incident-incomplete", "An incident needs an operations centre.", "centre");
        }

        var location = call?.Kiosk is { } kiosk ? IncidentLocation.OfKiosk(kiosk)
            : call?.Citizen?.Location is { } fix ? IncidentLocation.OfPhone(fix)
            : opening.Location;
        if (location is not null)
        {
            RequireOnEarth(location);
        }

        var register = GrainFactory.GetIncidentRegister(centreId);
        var type = await TypeAsync(register, opening.TypeCode);
        var priority = RequirePriority(opening.Priority) ?? type?.DefaultPriority ?? DefaultPriority;
        var zone = (await GrainFactory.GetCentre(centreId).GetAsync()).Zone;
        var number = await register.NumberAsync(IncidentId, TimeZoneInfo.ConvertTime(now, zone).Year);
        if (call is not null)
        {
            await GrainFactory.GetCall(call.CallId).JoinIncidentAsync(IncidentId, number, opening.Actor);
        }

        // From a call a dispatcher talks on, the incident is worked at once; reported otherwise, it waits for one.
        var status = call is not null ? IncidentStatus.Active : IncidentStatus.New;
        ImmutableArray<CitizenItemRef> citizens = call?.Channel == CallChannel.Citizen ? [new(call.CallId, IsSos: true)]
            : opening.CitizenReportId is { } reportId ? [new(reportId, IsSos: false)]
            : [];
        var opened = new IncidentSnapshot(
            IncidentId, number, centreId, opening.Source, call is null ? [] : [call.CallId], type?.Code, priority, status,
            [new IncidentStep(status, now, opening.Actor, call is null ? null : $"from call {call.CallId}")],
            location, location, [], [], [], null, [], now, opening.Actor, citizens);
        await ChangeAsync(opened);
        logger.LogInformation("Incident {IncidentNumber} opened by {Actor} ({Source})", number, opening.Actor, opening.Source);
        return opened;
    }

    /// <inheritdoc />
    public async Task<IncidentSnapshot> JoinCallAsync(Guid callId, string actor)
    {
        var incident = RequireOpen("join a call to");
        if (incident.CallIds.Contains(callId))
        {
            return incident;
        }

        var call = await GrainFactory.GetCall(callId).GetAsync();
        if (!call.Exists)
        {
            throw new UnknownCallException(callId, "does not exist");
        }

        await GrainFactory.GetCall(callId).JoinIncidentAsync(IncidentId, incident.Number, actor);
        var citizens = call.Channel == CallChannel.Citizen ? incident.CitizenItems.Add(new(callId, IsSos: true)) : incident.CitizenItems;
        return await ChangeAsync(Worked(incident with { CallIds = incident.CallIds.Add(callId), CitizenItems = citizens }, actor));
    }

    /// <inheritdoc />
    public async Task<IncidentSnapshot> ClassifyAsync(string? typeCode, int? priority, string actor)
    {
        var incident = RequireOpen("classify");
        var type = typeCode is null ? null : await TypeAsync(GrainFactory.GetIncidentRegister(incident.CentreId), typeCode);
        // A new type brings its own priority, unless one is given with it; a priority chosen later stays until the type changes.
        var typePriority = type is not null && type.Code != incident.TypeCode ? type.DefaultPriority : (int?)null;
        var next = incident with { TypeCode = type?.Code ?? incident.TypeCode, Priority = RequirePriority(priority) ?? typePriority ?? incident.Priority };
        return next == incident ? incident : await ChangeAsync(Worked(next, actor));
    }

    /// <inheritdoc />
    public async Task<IncidentSnapshot> MoveAsync(IncidentLocation location, string actor)
    {
        var incident = RequireOpen("move");
        RequireOnEarth(location);

        var moved = location with
        {
            Source = IncidentLocationSources.Operator,
            Address = Trimmed(location.Address, 400),
            District = Trimmed(location.District, 100),
        };

        // Where the caller was is kept as it was: an incident opened without one keeps none.
        return await ChangeAsync(Worked(incident with { Location = moved }, actor));
    }

    /// <inheritdoc />
    public async Task<IncidentSnapshot> AddNoteAsync(string text, string actor)
    {
        var incident = RequireOpen("add a note to");
        var note = new IncidentNote(incident.Notes.Select(n => n.Number).DefaultIfEmpty(0).Max() + 1, 1, RequireText(text), actor, clock.GetUtcNow());
        return await ChangeAsync(Worked(incident with { Notes = incident.Notes.Add(note) }, actor));
    }

    /// <inheritdoc />
    public async Task<IncidentSnapshot> ReviseNoteAsync(int number, string text, string actor)
    {
        var incident = RequireOpen("edit a note of");
        var current = incident.CurrentNotes.FirstOrDefault(n => n.Number == number)
            ?? throw new SosDomainException("note-unknown", $"Incident {incident.Number} has no note {number}.", number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var revised = RequireText(text);
        if (revised == current.Text)
        {
            return incident;
        }

        var note = new IncidentNote(number, current.Revision + 1, revised, actor, clock.GetUtcNow());
        return await ChangeAsync(Worked(incident with { Notes = incident.Notes.Add(note) }, actor));
    }

    /// <inheritdoc />
    public async Task<IncidentSnapshot> AddPersonAsync(IncidentPerson person, string actor)
    {
        var incident = RequireOpen("record a person on");
        var cleaned = new IncidentPerson(
            IncidentPeople.IsKnownRole(person.Role) ? person.Role : IncidentPeople.Other,
            Trimmed(person.Name, 200), Trimmed(person.Description, 1000), Trimmed(person.Phone, 40));
        if (cleaned.Name is null && cleaned.Description is null && cleaned.Phone is null)
        {
            throw new SosDomainException("person-empty", "A person needs a name, a description or a phone number.");
        }

        return await ChangeAsync(Worked(incident with { People = incident.People.Add(cleaned) }, actor));
    }

    /// <inheritdoc />
    public async Task<IncidentSnapshot> AssignAsync(string unitId, string actor, double? distanceMeters = null)
    {
        var incident = RequireOpen("send a unit to");
        if (incident.ActiveAssignments.Any(a => a.UnitId == unitId))
        {
            return incident;
        }

        var unit = await GrainFactory.GetUnit(unitId).AssignAsync(IncidentId, incident.Number, actor);
        if (unit.Profile?.CentreId != incident.CentreId)
        {
            // Sent, but by the wrong centre: give it back at once.
            await GrainFactory.GetUnit(unitId).ReleaseAsync(IncidentId);
            throw new SosDomainException("unit-other-centre", $"Unit {unitId} belongs to another operations centre.", unitId);
        }

        var distance = distanceMeters ?? (unit.Position is { } fix && incident.Location is { } at ? fix.MetersTo(at.Latitude, at.Longitude) : null);
        var assignment = new Assignment(unitId, clock.GetUtcNow(), actor, DistanceMeters: distance);
        return await ChangeAsync(Derive(Worked(incident, actor) with { Assignments = incident.Assignments.Add(assignment) }, actor, unitId));
    }

    /// <inheritdoc />
    public async Task<IncidentSnapshot> ReportAsync(string unitId, AssignmentStep step, string actor)
    {
        var incident = RequireOpen("report a step on");
        var index = ActiveIndex(incident, unitId);
        if (index < 0)
        {
            throw new SosDomainException("unit-not-on-incident", $"Unit {unitId} is not on incident {incident.Number}.", unitId, incident.Number);
        }

        var now = clock.GetUtcNow();
        var unit = GrainFactory.GetUnit(unitId);
        var held = incident.Assignments[index];
        var stepped = step switch
        {
            AssignmentStep.Acknowledged => held with { AcknowledgedAt = held.AcknowledgedAt ?? now },
            AssignmentStep.EnRoute => held with { AcknowledgedAt = held.AcknowledgedAt ?? now, EnRouteAt = held.EnRouteAt ?? now },
            AssignmentStep.OnScene => held with { AcknowledgedAt = held.AcknowledgedAt ?? now, OnSceneAt = held.OnSceneAt ?? now },
            AssignmentStep.Cleared => held with { ClearedAt = now },
            _ => throw new SosDomainException("step-unknown", $"There is no step {step}.", step.ToString()),
        };
        if (stepped == held)
        {
            return incident;
        }

        if (step == AssignmentStep.Cleared)
        {
            await unit.ReleaseAsync(IncidentId);
        }
        else
        {
            await unit.StepAsync(IncidentId, step);
        }

        return await ChangeAsync(Derive(incident with { Assignments = incident.Assignments.SetItem(index, stepped) }, actor, unitId));
    }

    /// <inheritdoc />
    public async Task<IncidentSnapshot> ReleaseAsync(string unitId, string actor)
    {
        var incident = RequireOpen("release a unit from");
        var index = ActiveIndex(incident, unitId);
        if (index < 0)
        {
            return incident;
        }

        await GrainFactory.GetUnit(unitId).ReleaseAsync(IncidentId);
        var released = incident.Assignments.SetItem(index, incident.Assignments[index] with { ClearedAt = clock.GetUtcNow() });
        return await ChangeAsync(Derive(incident with { Assignments = released }, actor, unitId));
    }

    /// <inheritdoc />
    public async Task<IncidentSnapshot> LinkAsync(Guid otherIncidentId, string actor)
    {
        var incident = Incident;
        if (otherIncidentId == IncidentId || incident.LinkedIncidents.Contains(otherIncidentId))
        {
            return incident;
        }

        var other = GrainFactory.GetIncident(otherIncidentId);
        if (!await other.ExistsAsync())
        {
            throw new UnknownIncidentException(otherIncidentId);
        }

        var linked = await ChangeAsync(incident with { LinkedIncidents = incident.LinkedIncidents.Add(otherIncidentId) });
        await other.LinkedFromAsync(IncidentId, actor);
        return linked;
    }

    /// <inheritdoc />
    public async Task LinkedFromAsync(Guid otherIncidentId, string actor)
    {
        if (state.RecordExists && !Incident.LinkedIncidents.Contains(otherIncidentId))
        {
            await ChangeAsync(Incident with { LinkedIncidents = Incident.LinkedIncidents.Add(otherIncidentId) });
        }
    }

    /// <inheritdoc />
    public async Task<IncidentSnapshot> CloseAsync(string disposition, string actor, string? publicNote = null)
    {
        var incident = RequireOpen("close");
        if (!IncidentDispositions.IsKnown(disposition))
        {
            throw new SosDomainException("disposition-unknown", $"'{disposition}' is not an incident disposition; one of {string.Join(", ", IncidentDispositions.All)}.", disposition ?? string.Empty);
        }

        var released = await ReleaseEveryUnitAsync(incident);
        var closed = Step(released with { Disposition = disposition, PublicNote = Trimmed(publicNote, MaxPublicNote) }, IncidentStatus.Closed, actor, disposition);
        await ChangeAsync(closed);
        await GrainFactory.GetIncidentRegister(incident.CentreId).MarkAsync(IncidentId, open: false);
        return closed;
    }

    /// <inheritdoc />
    public async Task<IncidentSnapshot> CancelAsync(string reason, string actor)
    {
        var incident = RequireOpen("cancel");
        var released = await ReleaseEveryUnitAsync(incident);
        var cancelled = Step(released, IncidentStatus.Cancelled, actor, Trimmed(reason, 400));
        await ChangeAsync(cancelled);
        await GrainFactory.GetIncidentRegister(incident.CentreId).MarkAsync(IncidentId, open: false);
        return cancelled;
    }

    /// <inheritdoc />
    public async Task<IncidentSnapshot> ReopenAsync(string reason, string actor)
    {
        var incident = Incident;
        if (!incident.IsEnded)
        {
            throw Refused(incident, "reopen", "Closed or Cancelled");
        }

        var reopened = Step(incident with { Disposition = null, PublicNote = null }, IncidentStatus.ReOpened, actor, Trimmed(reason, 400));
        await ChangeAsync(reopened);
        await GrainFactory.GetIncidentRegister(incident.CentreId).MarkAsync(IncidentId, open: true);
        return reopened;
    }

    private async Task<IncidentSnapshot> ReleaseEveryUnitAsync(IncidentSnapshot incident)
    {
        var now = clock.GetUtcNow();
        var assignments = incident.Assignments;
        for (var i = 0; i < assignments.Length; i++)
        {
            if (assignments[i].IsActive)
            {
                await GrainFactory.GetUnit(assignments[i].UnitId).ReleaseAsync(IncidentId);
                assignments = assignments.SetItem(i, assignments[i] with { ClearedAt = now });
            }
        }

        return incident with { Assignments = assignments };
    }

    /// <summary>A new incident a dispatcher acts on is worked from then on (New → Active).</summary>
    private IncidentSnapshot Worked(IncidentSnapshot incident, string actor) =>
        incident.Status == IncidentStatus.New ? Step(incident, IncidentStatus.Active, actor, null) : incident;

    /// <summary>The status its units make it: the furthest step of any unit on it, or worked without a unit.</summary>
    private IncidentSnapshot Derive(IncidentSnapshot incident, string actor, string unitId)
    {
        var active = incident.ActiveAssignments.ToList();
        var status = active.Count > 0 ? active.Max(a => a.Stage)
            : incident.Status is IncidentStatus.ReOpened or IncidentStatus.New ? incident.Status : IncidentStatus.Active;
        return status == incident.Status ? incident : Step(incident, status, actor, unitId);
    }

    private IncidentSnapshot Step(IncidentSnapshot incident, IncidentStatus status, string actor, string? detail) =>
        incident with { Status = status, Steps = incident.Steps.Add(new IncidentStep(status, clock.GetUtcNow(), actor, detail)) };

    private IncidentSnapshot RequireOpen(string action)
    {
        var incident = Incident;
        return incident.IsEnded ? throw Refused(incident, action, "open (reopen it first)") : incident;
    }

    private static SosDomainException Refused(IncidentSnapshot incident, string action, string expected) =>
        new("incident-ended", $"Cannot {action} incident {incident.Number}: it is {incident.Status}; expected {expected}.", incident.Number, incident.Status.ToString());

    private static void RequireOnEarth(IncidentLocation location)
    {
        if (!location.IsValid)
        {
            throw new SosDomainException("location-invalid", "A location needs a latitude from -90 to 90 and a longitude from -180 to 180.");
        }
    }

    private static int? RequirePriority(int? priority) =>
        priority is null or (>= IncidentSnapshot.HighestPriority and <= IncidentSnapshot.LowestPriority)
            ? priority
            : throw new SosDomainException("priority-invalid", $"A priority is 1 (most urgent) to 5, not {priority}.", priority.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<IncidentType?> TypeAsync(IIncidentRegisterGrain register, string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var types = await register.TypesAsync();
        return types.FirstOrDefault(t => t.Code == code && !t.Retired)
            ?? throw new SosDomainException("incident-type-unknown", $"'{code}' is not one of the centre's incident types.", code);
    }

    private static string RequireText(string text) =>
        Trimmed(text, MaxText) ?? throw new SosDomainException("note-empty", "A note needs some text.");

    private static string? Trimmed(string? text, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        return trimmed.Length > max ? trimmed[..max] : trimmed;
    }

    private static int ActiveIndex(IncidentSnapshot incident, string unitId)
    {
        for (var i = 0; i < incident.Assignments.Length; i++)
        {
            if (incident.Assignments[i].UnitId == unitId && incident.Assignments[i].IsActive)
            {
                return i;
            }
        }

        return -1;
    }

    private async Task<IncidentSnapshot> ChangeAsync(IncidentSnapshot next)
    {
        var before = state.RecordExists ? Incident : null;
        await state.CommitAsync(next);
        await this.GetStreamProvider(SosConstants.StreamProvider).IncidentChanges(next.CentreId).TryPublishAsync(next, logger);
        TellCitizens(before, next);
        return next;
    }

    /// <summary>
    /// Tells the citizens it is about, one way, when what they may learn of it moved (or they have just joined it): the
    /// incident never waits for them, and each made good from the incident on its own activation.
    /// </summary>
    private void TellCitizens(IncidentSnapshot? before, IncidentSnapshot next)
    {
        var progress = IncidentProgress.Of(next);
        var moved = before is null || IncidentProgress.Of(before) != progress;
        foreach (var item in next.CitizenItems)
        {
            if (!moved && before!.CitizenItems.Contains(item))
            {
                continue;
            }

            var told = item.IsSos
                ? GrainFactory.GetCitizenSession(item.Id).IncidentMovedAsync(progress)
                : GrainFactory.GetCitizenReport(item.Id).IncidentMovedAsync(progress);
            told.Ignore();
        }
    }
}
