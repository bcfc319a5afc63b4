using Microsoft.Extensions.Options;
using Sos.Console.Services;
using Sos.Grains.Abstractions;
using Sos.Grains.Units;
using Sos.Tests.Infrastructure;

namespace Sos.Tests.Eido;

[Collection(ClusterCollection.Name)]
public sealed class EidoTests(ClusterFixture fixture)
{
    [Fact]
    public async Task IncidentWorkedFromCallToCloseExportsAnEidoValidAgainstNenasSchema()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var (incident, call, unitId, other) = await WorkedIncidentAsync(centre);

        var document = await Service().EidoAsync(incident.IncidentId);

        Assert.Empty(NenaEidoSchema.Errors(document));
        Assert.Equal(Sos.Console.Services.Eido.IncidentUri(incident.IncidentId, centre.Id), (string?)document["$id"]);
        Assert.Equal("1.0", (string?)document["eidoVersion"]);
        var component = document["incidentComponent"]!;
        Assert.Equal(incident.Number, (string?)component["internalIncidentId"]);
        Assert.Equal(("assault", 1), ((string?)component["incidentTypeInternalCode"], (int?)component["incidentCommonPriorityNumber"]));
        Assert.Equal("arrest", (string?)component["dispositionComponent"]![0]!["dispositionCommonRegistryCode"]);
        var callComponent = Assert.Single(document["callComponent"]!.AsArray());
        Assert.Contains(call.CallId.ToString("N"), (string?)callComponent!["$id"], StringComparison.Ordinal);
        Assert.Equal("callAnswered", (string?)callComponent["callStateRegistryText"]);
        var kinds = document["locationComponent"]!.AsArray().Select(l => (string?)l!["locationTypeDescriptionRegistryText"]).ToList();
        Assert.Equal(["Incident", "Caller", "Unit"], kinds);
        Assert.Contains("<gml:pos>52.3 76.96</gml:pos>", (string?)document["locationComponent"]![0]!["locationByValue"], StringComparison.Ordinal);
        Assert.Contains("<gml:pos>52.288 76.942</gml:pos>", (string?)document["locationComponent"]![1]!["locationByValue"], StringComparison.Ordinal);
        var resource = Assert.Single(document["emergencyResourceComponent"]!.AsArray());
        Assert.Equal((unitId, "Cleared"), ((string?)resource!["emergencyResourceName"], (string?)resource["primaryUnitStatusRegistryText"]));
        var notes = document["notesComponent"]!.AsArray().Select(n => (string?)n!["notesActionComments"]).ToList();
        Assert.Contains("Two men fighting", notes);
        Assert.Contains("[note 1, revision 2] Three men fighting", notes);
        Assert.Contains("Tall man, red jacket", notes);
        Assert.Equal(["Witness"], document["personComponent"]![0]!["personIncidentRoleRegistryText"]!.AsArray().Select(r => (string?)r));
        Assert.Contains(other.IncidentId.ToString("N"), (string?)document["linkComponent"]![0]!["incidentTrackingIdentifier"], StringComparison.Ordinal);
        var text = document.ToJsonString();
        Assert.All(NenaEidoSchema.UnfollowedProperties, name => Assert.DoesNotContain($"\"{name}\"", text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EidoThatBreaksNenasSchemaIsCaughtByTheValidation()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var (incident, _, _, _) = await WorkedIncidentAsync(centre);
        var document = await Service().EidoAsync(incident.IncidentId);

        document["eidoVersion"] = "2.0";
        document.Remove("agencyComponent");
        document["callComponent"]![0]!["direction"] = "sideways";
        document["incidentComponent"]!.AsObject().Remove("incidentTypeCommonRegistryText");
        document["lastUpdateTimeStamp"] = "yesterday";

        var errors = string.Join("\n", NenaEidoSchema.Errors(document));
        Assert.Contains("eidoVersion", errors, StringComparison.Ordinal);
        Assert.Contains("agencyComponent", errors, StringComparison.Ordinal);
        Assert.Contains("/callComponent/0/direction", errors, StringComparison.Ordinal);
        Assert.Contains("incidentTypeCommonRegistryText", errors, StringComparison.Ordinal);
        Assert.Contains("/lastUpdateTimeStamp", errors, StringComparison.Ordinal);
    }

    private IncidentService Service() => new(fixture.Client, Options.Create(new UnitOptions()), fixture.Clock);

    private async Task<(IncidentSnapshot Incident, CallSnapshot Call, string UnitId, IncidentSnapshot Other)> WorkedIncidentAsync(TestCentre centre)
    {
        var client = fixture.Client;
        var call = await centre.AnsweredCallAsync("anna");
        var unitId = await centre.AddUnitAsync("PVL-50", 52.29, 76.95);
        var incident = client.GetIncident(Guid.NewGuid());
        var anna = Actors.Operator(centre.Login("anna"));
        await incident.OpenAsync(new IncidentOpening(centre.Id, IncidentSource.KioskCall, anna, call.CallId));
        await incident.ClassifyAsync("assault", null, anna);
        await incident.MoveAsync(new IncidentLocation(52.3, 76.96, "Toraighyrov St 64", "North", IncidentLocationSources.Operator), anna);
        await incident.AddNoteAsync("Two men fighting", anna);
        await incident.ReviseNoteAsync(1, "Three men fighting", anna);
        await incident.AddPersonAsync(new IncidentPerson("witness", null, "Tall man, red jacket", null), anna);
        await incident.AssignAsync(unitId, anna);
        await incident.ReportAsync(unitId, AssignmentStep.EnRoute, Actors.Operator("crew"));
        await incident.ReportAsync(unitId, AssignmentStep.OnScene, Actors.Operator("crew"));
        var other = await client.GetIncident(Guid.NewGuid()).OpenAsync(new IncidentOpening(centre.Id, IncidentSource.Phone, anna,
            Location: new IncidentLocation(52.3, 76.96, "Toraighyrov St 64", "North", IncidentLocationSources.Operator)));
        await incident.LinkAsync(other.IncidentId, anna);
        var closed = await incident.CloseAsync("arrest", anna);
        return (closed, await centre.Call(call.CallId).GetAsync(), unitId, other);
    }
}
