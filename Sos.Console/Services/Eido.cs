using System.Globalization;
using System.Security;
using System.Text.Json.Nodes;
using Sos.Grains.Abstractions;

namespace Sos.Console.Services;

/// <summary>
/// An incident as a NENA-STA-021 Emergency Incident Data Object (EIDO, JSON): the document other police systems import.
/// Every data component carries its prologue (<c>$id</c>, last update, the agency that updated it); the incident, its
/// calls, locations (PIDF-LO by value), people (by role), notes (every revision), units sent and links are included.
/// Person, vehicle and organisation details in NIEM form are not written: Sos records people as a role and free text.
/// </summary>
public static class Eido
{
    /// <summary>The EIDO version written.</summary>
    public const string Version = "1.0";

    /// <summary>The media type of an EIDO document.</summary>
    public const string MediaType = "application/emergency.eido+json";

    /// <summary>The incident's EIDO $id: <c>urn:emergency:uid:incidentid:&lt;id&gt;:&lt;agency&gt;</c>.</summary>
    public static string IncidentUri(Guid incidentId, string centreId) => $"urn:emergency:uid:incidentid:{incidentId:N}:{centreId}";

    /// <summary>Writes the EIDO of <paramref name="incident"/>.</summary>
    /// <param name="incident">The incident.</param>
    /// <param name="calls">Its calls, as their grains hold them.</param>
    /// <param name="units">The units it sent, as their grains hold them now.</param>
    /// <param name="types">The centre's incident types.</param>
    /// <param name="linkedNumbers">The ids of linked incidents with their centre (for their EIDO ids).</param>
    public static JsonObject Write(IncidentSnapshot incident, IReadOnlyList<CallSnapshot> calls, IReadOnlyList<UnitSnapshot> units, IReadOnlyList<IncidentType> types, IReadOnlyDictionary<Guid, string> linkedNumbers)
    {
        var agency = incident.CentreId;
        var updated = LastUpdate(incident, calls);
        JsonObject Prologue(string id, DateTimeOffset at, string? agent = null)
        {
            var prologue = new JsonObject
            {
                ["$id"] = id,
                ["lastUpdateTimeStamp"] = Time(at),
                ["updatedByAgencyReference"] = Ref(agency),
            };
            if (agent is not null)
            {
                prologue["updatedByAgentReference"] = Ref(AgentId(agent));
            }

            return prologue;
        }

        var agents = new SortedDictionary<string, string>(StringComparer.Ordinal);
        void Agent(string actor, string role) => agents.TryAdd(actor, role);
        Agent(incident.OpenedBy, "Call Taking");

        var locations = new JsonArray();
        string? incidentLocation = null;
        if (incident.Location is { } at)
        {
            incidentLocation = $"{incident.IncidentId:N}-location";
            locations.Add(Location(Prologue(incidentLocation, updated), "Incident", at.Latitude, at.Longitude, at.AccuracyMeters, at.Address, at.Source));
        }

        string? callerLocation = null;
        if (incident.CallerLocation is { } caller)
        {
            callerLocation = $"{incident.IncidentId:N}-caller-location";
            locations.Add(Location(Prologue(callerLocation, incident.OpenedAt), "Caller", caller.Latitude, caller.Longitude, caller.AccuracyMeters, caller.Address, caller.Source));
        }

        var notes = new JsonArray();
        var noteRefs = new JsonArray();
        foreach (var note in incident.Notes)
        {
            var id = $"{incident.IncidentId:N}-note-{note.Number}-{note.Revision}";
            Agent(note.Author, "Dispatch");
            var component = Prologue(id, note.At, note.Author);
            component["notesActionComments"] = note.Revision == 1 ? note.Text : $"[note {note.Number}, revision {note.Revision}] {note.Text}";
            component["agentReference"] = Ref(AgentId(note.Author));
            notes.Add(component);
            noteRefs.Add(Ref(id));
        }

        var people = new JsonArray();
        var personRefs = new JsonArray();
        for (var i = 0; i < incident.People.Length; i++)
        {
            var person = incident.People[i];
            var id = $"{incident.IncidentId:N}-person-{i + 1}";
            var component = Prologue(id, updated);
            component["personIncidentRoleRegistryText"] = new JsonArray(PersonRole(person.Role));
            var said = string.Join("; ", new[] { person.Name, person.Description, person.Phone is null ? null : $"phone {person.Phone}" }.Where(s => s is not null));
            if (said.Length > 0)
            {
                var noteId = $"{id}-note";
                var note = Prologue(noteId, updated);
                note["notesActionComments"] = said;
                notes.Add(note);
                component["notesReference"] = new JsonArray(Ref(noteId));
            }

            people.Add(component);
            personRefs.Add(Ref(id));
        }

        var callComponents = new JsonArray();
        foreach (var call in calls.Where(c => c.Exists))
        {
            var component = Prologue($"urn:emergency:uid:callid:{call.CallId:N}:{agency}", call.ClosedAt ?? call.EndedAt ?? call.ConnectedAt ?? call.OpenedAt);
            component["queueIdentifier"] = agency;
            component["standardPrimaryCallType"] = "emergency";
            component["localCallType"] = call.IsTest ? "sos-kiosk-test" : "sos-kiosk";
            component["direction"] = "incoming";
            component["priorityIdentifier"] = call.Priority switch
            {
                CallPriority.High => "high",
                CallPriority.Test => "lowest",
                _ => "normal",
            };
            component["callStartTimestamp"] = Time(call.OpenedAt);
            if (call.ConnectedAt is { } answered)
            {
                component["answerDate"] = Time(answered);
            }

            component["callStateRegistryText"] = call.Status switch
            {
                CallStatus.Abandoned => "callAbandoned",
                CallStatus.Closed or CallStatus.WrapUp => "callEnded",
                CallStatus.Connected => "callAnswered",
                _ => "callQueued",
            };
            if (call.ConnectedOperator is { } login)
            {
                Agent(Actors.Operator(login), "Call Taking");
                component["agentReference"] = new JsonArray(Ref(AgentId(Actors.Operator(login))));
            }

            if (callerLocation is not null)
            {
                component["locationReference"] = new JsonArray(Ref(callerLocation));
            }

            component["agencyReference"] = new JsonArray(Ref(agency));
            callComponents.Add(component);
        }

        var resources = new JsonArray();
        var resourceRefs = new JsonArray();
        foreach (var sent in incident.Assignments)
        {
            var unit = units.FirstOrDefault(u => u.UnitId == sent.UnitId);
            var id = $"{incident.IncidentId:N}-unit-{sent.UnitId}-{sent.AssignedAt.ToUnixTimeMilliseconds()}";
            Agent(sent.AssignedBy, "Dispatch");
            var component = Prologue(id, sent.ClearedAt ?? sent.OnSceneAt ?? sent.EnRouteAt ?? sent.AcknowledgedAt ?? sent.AssignedAt, sent.AssignedBy);
            component["emergencyResourceTypeCommonRegistryText"] = "Police";
            component["emergencyResourceTypeInternalText"] = unit?.Profile?.Kind.ToString() ?? "Unit";
            component["resourceAttributeRegistryText"] = new JsonArray();
            component["emergencyResourceName"] = sent.UnitId;
            component["primaryUnitStatusRegistryText"] = sent.ClearedAt is not null ? "Cleared" : sent.Stage switch
            {
                IncidentStatus.OnScene => "OnScene",
                IncidentStatus.EnRoute => "Enroute",
                _ => "Dispatched",
            };
            component["secondaryUnitStatusRegistryText"] = new JsonArray();
            component["unitStatusInternal"] = new JsonArray(Steps(sent).Select(s => (JsonNode)s).ToArray());
            component["agentReference"] = new JsonArray(Ref(AgentId(sent.AssignedBy)));
            if (sent.IsActive)
            {
                component["activeOnIncidentId"] = IncidentUri(incident.IncidentId, agency);
            }

            if (unit?.Position is { } fix)
            {
                var locationId = $"{id}-location";
                locations.Add(Location(Prologue(locationId, fix.At), "Unit", fix.Latitude, fix.Longitude, fix.AccuracyMeters, null, fix.Method));
                component["unitLocationReference"] = Ref(locationId);
            }

            if (incidentLocation is not null)
            {
                component["unitDestinationReference"] = Ref(incidentLocation);
            }

            resources.Add(component);
            resourceRefs.Add(Ref(id));
        }

        var type = types.FirstOrDefault(t => t.Code == incident.TypeCode);
        var incidentComponent = Prologue($"{incident.IncidentId:N}-incident", updated);
        incidentComponent["incidentTypeCommonRegistryText"] = type?.Apco ?? incident.TypeCode ?? "unknown";
        if (incident.TypeCode is { } code)
        {
            incidentComponent["incidentTypeInternalCode"] = code;
            incidentComponent["incidentTypeInternalText"] = type?.LabelIn(Languages.English) ?? code;
        }

        incidentComponent["incidentStatusInternalText"] = new JsonArray(incident.Status.ToString());
        incidentComponent["incidentStatusCommonRegistryText"] = new JsonArray(incident.IsEnded ? "Closed" : "Open");
        incidentComponent["internalIncidentId"] = incident.Number;
        incidentComponent["incidentPriorityInternalText"] = incident.Priority.ToString(CultureInfo.InvariantCulture);
        incidentComponent["incidentCommonPriorityNumber"] = incident.Priority;
        incidentComponent["agentReference"] = new JsonArray(agents.Keys.Select(a => (JsonNode)Ref(AgentId(a))).ToArray());
        if (incidentLocation is not null)
        {
            incidentComponent["locationReference"] = new JsonArray(Ref(incidentLocation));
        }

        if (personRefs.Count > 0)
        {
            incidentComponent["personReference"] = personRefs;
        }

        if (incident.Disposition is { } disposition)
        {
            var closed = Prologue($"{incident.IncidentId:N}-disposition", incident.At(IncidentStatus.Closed) ?? updated);
            closed["dispositionCommonRegistryCode"] = disposition;
            closed["dispositionPrimaryIndicator"] = true;
            incidentComponent["dispositionComponent"] = new JsonArray(closed);
        }

        if (noteRefs.Count > 0)
        {
            incidentComponent["notesReference"] = noteRefs;
        }

        var document = Prologue(IncidentUri(incident.IncidentId, agency), updated);
        document["eidoVersion"] = Version;
        document["issuingElementIdentification"] = $"sos.{agency}";
        if (!incident.LinkedIncidents.IsEmpty)
        {
            document["linkComponent"] = new JsonArray(incident.LinkedIncidents.Select(other =>
            {
                var link = Prologue($"{incident.IncidentId:N}-link-{other:N}", updated);
                link["incidentTrackingIdentifier"] = IncidentUri(other, linkedNumbers.GetValueOrDefault(other) ?? agency);
                link["linkDirectionCode"] = "RELATED";
                return (JsonNode)link;
            }).ToArray());
        }

        document["incidentComponent"] = incidentComponent;
        document["callComponent"] = callComponents;
        if (resourceRefs.Count > 0)
        {
            var dispatch = Prologue($"{incident.IncidentId:N}-dispatch", updated);
            dispatch["agencyReference"] = Ref(agency);
            dispatch["emergencyResourceReference"] = resourceRefs;
            document["dispatchComponent"] = new JsonArray(dispatch);
            document["emergencyResourceComponent"] = resources;
        }

        document["notesComponent"] = notes;
        var agency0 = Prologue(agency, updated);
        agency0["agencyRoleDescriptionRegistryText"] = new JsonArray("CallReceiving", "Dispatch");
        agency0["agencyType"] = new JsonArray("police");
        agency0["incidentOwningAgencyIndicator"] = true;
        document["agencyComponent"] = new JsonArray(agency0);
        document["agentComponent"] = new JsonArray(agents.Select(a =>
        {
            var agent = Prologue(AgentId(a.Key), updated);
            agent["agentRoleRegistryText"] = new JsonArray(a.Value);
            agent["agencyReference"] = Ref(agency);
            return (JsonNode)agent;
        }).ToArray());
        document["locationComponent"] = locations;
        if (people.Count > 0)
        {
            document["personComponent"] = people;
        }

        return document;
    }

    private static DateTimeOffset LastUpdate(IncidentSnapshot incident, IEnumerable<CallSnapshot> calls) =>
        new[] { incident.OpenedAt }
            .Concat(incident.Steps.Select(s => s.At))
            .Concat(incident.Notes.Select(n => n.At))
            .Concat(incident.Assignments.SelectMany(a => new[] { a.AssignedAt, a.AcknowledgedAt, a.EnRouteAt, a.OnSceneAt, a.ClearedAt }.OfType<DateTimeOffset>()))
            .Max();

    private static IEnumerable<string> Steps(Assignment sent)
    {
        yield return $"assigned {Time(sent.AssignedAt)}";
        foreach (var (name, at) in new[] { ("acknowledged", sent.AcknowledgedAt), ("en route", sent.EnRouteAt), ("on scene", sent.OnSceneAt), ("cleared", sent.ClearedAt) })
        {
            if (at is { } when)
            {
                yield return $"{name} {Time(when)}";
            }
        }
    }

    private static JsonObject Location(JsonObject component, string kind, double latitude, double longitude, double? accuracy, string? address, string? method)
    {
        component["locationTypeDescriptionRegistryText"] = kind;
        component["locationByValue"] = Pidf(component["$id"]!.GetValue<string>(), latitude, longitude, accuracy, method);
        if (address is not null)
        {
            component["locationDescriptionText"] = address;
        }

        return component;
    }

    /// <summary>A PIDF-LO (RFC 4119, 5491) with the point (or circle, when the accuracy is known) in WGS 84.</summary>
    private static string Pidf(string id, double latitude, double longitude, double? accuracy, string? method)
    {
        var pos = string.Create(CultureInfo.InvariantCulture, $"{latitude:0.######} {longitude:0.######}");
        var shape = accuracy is { } radius
            ? string.Create(CultureInfo.InvariantCulture, $"<gs:Circle srsName=\"urn:ogc:def:crs:EPSG::4326\"><gml:pos>{pos}</gml:pos><gs:radius uom=\"urn:ogc:def:uom:EPSG::9001\">{radius:0.#}</gs:radius></gs:Circle>")
            : $"<gml:Point srsName=\"urn:ogc:def:crs:EPSG::4326\"><gml:pos>{pos}</gml:pos></gml:Point>";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + $"<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" xmlns:gp=\"urn:ietf:params:xml:ns:pidf:geopriv10\" xmlns:gml=\"http://www.opengis.net/gml\" xmlns:gs=\"http://www.opengis.net/pidflo/1.0\" entity=\"pres:{SecurityElement.Escape(id)}\">"
            + $"<tuple id=\"location\"><status><gp:geopriv><gp:location-info>{shape}</gp:location-info>"
            + $"<gp:method>{SecurityElement.Escape(method ?? "Manual")}</gp:method></gp:geopriv></status></tuple></presence>";
    }

    private static string PersonRole(string role) => role switch
    {
        "caller" => "Caller",
        "victim" => "Victim",
        "witness" => "Witness",
        "suspect" => "Suspect",
        _ => "Other",
    };

    /// <summary>An agent's $id: who acted, as Sos names them (<c>operator:login</c>, <c>system</c>).</summary>
    private static string AgentId(string actor) => actor;

    private static JsonObject Ref(string id) => new() { ["$ref"] = id };

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
