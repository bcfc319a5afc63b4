using Sos.Grains.Abstractions;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

[Collection(ClusterCollection.Name)]
public sealed class IncidentTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task IncidentOpenedFromACallIsNumberedForItsCentreAndYearAndStartsWhereTheKioskStands()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        await Client.GetIncidentRegister(centre.Id).SetPrefixAsync("pvl", Actors.Tool("test"));
        var call = await centre.AnsweredCallAsync("anna");
        var incidentId = Guid.NewGuid();

        var opened = await Client.GetIncident(incidentId).OpenAsync(Opening(centre, call.CallId, "assault"));
        var again = await Client.GetIncident(incidentId).OpenAsync(Opening(centre, call.CallId, "assault"));
        var second = await Client.GetIncident(Guid.NewGuid()).OpenAsync(new IncidentOpening(centre.Id, IncidentSource.Phone, Actors.Operator("anna"),
            Location: new IncidentLocation(52.29, 76.95, "Lenin St 1", "Central", IncidentLocationSources.Operator)));

        Assert.Equal($"PVL-{fixture.Clock.GetUtcNow().Year}-000001", opened.Number);
        AssertSame(opened, again);
        Assert.Equal($"PVL-{fixture.Clock.GetUtcNow().Year}-000002", second.Number);
        Assert.Equal(IncidentStatus.Active, opened.Status);
        Assert.Equal(IncidentStatus.New, second.Status);
        Assert.Equal(1, opened.Priority);
        Assert.Equal([call.CallId], opened.CallIds);
        Assert.Equal(IncidentLocationSources.Kiosk, opened.Location!.Source);
        Assert.Equal(opened.Location, opened.CallerLocation);
        Assert.Equal((call.Kiosk!.Latitude, call.Kiosk.Longitude), (opened.Location.Latitude, opened.Location.Longitude));
        var joined = await centre.Call(call.CallId).GetAsync();
        Assert.Equal((incidentId, opened.Number), (joined.IncidentId, joined.IncidentNumber));
        Assert.Single(joined.Timeline, e => e.Kind == CallEventKind.IncidentJoined && e.Values.Contains(opened.Number));
        Assert.Equal([incidentId, second.IncidentId], await Client.GetIncidentRegister(centre.Id).OpenAsync());
    }

    [Fact]
    public async Task CallAboutOneIncidentCannotOpenAnotherAndTakesNoNumber()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var call = await centre.AnsweredCallAsync("anna");
        var first = await Client.GetIncident(Guid.NewGuid()).OpenAsync(Opening(centre, call.CallId));

        var refused = await Assert.ThrowsAsync<SosDomainException>(() => Client.GetIncident(Guid.NewGuid()).OpenAsync(Opening(centre, call.CallId)));
        var next = await Client.GetIncident(Guid.NewGuid()).OpenAsync(new IncidentOpening(centre.Id, IncidentSource.Officer, Actors.Tool("test")));

        Assert.Equal("call-has-incident", refused.Reason);
        Assert.Equal(first.Number[..^6] + "000002", next.Number);
        Assert.Equal(first.IncidentId, (await centre.Call(call.CallId).GetAsync()).IncidentId);
    }

    [Fact]
    public async Task SecondCallAboutTheSameEventJoinsTheIncident()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var call = await centre.AnsweredCallAsync("anna");
        var other = await centre.AnsweredCallAsync("boris");
        var incident = Client.GetIncident(Guid.NewGuid());
        await incident.OpenAsync(Opening(centre, call.CallId));

        var joined = await incident.JoinCallAsync(other.CallId, Actors.Operator("boris"));
        await incident.JoinCallAsync(other.CallId, Actors.Operator("boris"));

        Assert.Equal([call.CallId, other.CallId], joined.CallIds);
        Assert.Equal(joined.IncidentId, (await centre.Call(other.CallId).GetAsync()).IncidentId);
    }

    [Fact]
    public async Task SendingAUnitMovesItsStatusAndItsCrewsStepsMoveTheIncident()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var unitId = await centre.AddUnitAsync("PVL-12", 52.29, 76.95);
        var incident = Client.GetIncident(Guid.NewGuid());
        var opened = await incident.OpenAsync(Opening(centre, (await centre.AnsweredCallAsync("anna")).CallId));
        var unit = Client.GetUnit(unitId);

        var assigned = await incident.AssignAsync(unitId, Actors.Operator("anna"));
        Assert.Equal(IncidentStatus.Assigned, assigned.Status);
        Assert.Equal((UnitStatus.Dispatched, opened.IncidentId, opened.Number), await StatusOf(unit));
        var sent = Assert.Single(assigned.Assignments);
        Assert.InRange(sent.DistanceMeters!.Value, 500, 1500);

        await incident.ReportAsync(unitId, AssignmentStep.Acknowledged, Actors.Operator("crew"));
        var enRoute = await incident.ReportAsync(unitId, AssignmentStep.EnRoute, Actors.Operator("crew"));
        Assert.Equal(IncidentStatus.EnRoute, enRoute.Status);
        Assert.Equal(UnitStatus.EnRoute, (await unit.GetAsync()).Status);

        centre.Clock.Advance(TimeSpan.FromMinutes(4));
        var onScene = await incident.ReportAsync(unitId, AssignmentStep.OnScene, Actors.Operator("crew"));
        Assert.Equal(IncidentStatus.OnScene, onScene.Status);
        Assert.Equal(UnitStatus.OnScene, (await unit.GetAsync()).Status);
        Assert.Equal(TimeSpan.FromMinutes(4), onScene.Assignments[0].OnSceneAt - onScene.Assignments[0].EnRouteAt);

        var cleared = await incident.ReportAsync(unitId, AssignmentStep.Cleared, Actors.Operator("crew"));
        Assert.Equal(IncidentStatus.Active, cleared.Status);
        Assert.Equal((UnitStatus.Available, (Guid?)null, (string?)null), await StatusOf(unit));
        Assert.NotNull(cleared.Assignments[0].ClearedAt);

        var closed = await incident.CloseAsync("resolved", Actors.Operator("anna"));
        Assert.Equal(
            [IncidentStatus.Active, IncidentStatus.Assigned, IncidentStatus.EnRoute, IncidentStatus.OnScene, IncidentStatus.Active, IncidentStatus.Closed],
            closed.Steps.Select(s => s.Status));
        Assert.DoesNotContain(opened.IncidentId, await Client.GetIncidentRegister(centre.Id).OpenAsync());
    }

    [Fact]
    public async Task UnitThatIsNotAvailableIsRefusedAndNothingChanges()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var resting = await centre.AddUnitAsync("PVL-20", 52.29, 76.95, UnitStatus.Break);
        var busy = await centre.AddUnitAsync("PVL-21", 52.29, 76.95);
        var first = Client.GetIncident(Guid.NewGuid());
        await first.OpenAsync(Opening(centre));
        await first.AssignAsync(busy, Actors.Operator("anna"));
        var second = Client.GetIncident(Guid.NewGuid());
        var before = await second.OpenAsync(Opening(centre));

        var onBreak = await Assert.ThrowsAsync<SosDomainException>(() => second.AssignAsync(resting, Actors.Operator("anna")));
        var elsewhere = await Assert.ThrowsAsync<SosDomainException>(() => second.AssignAsync(busy, Actors.Operator("anna")));
        var byHand = await Assert.ThrowsAsync<SosDomainException>(() => Client.GetUnit(busy).SetStatusAsync(UnitStatus.Available, Actors.Operator("anna")));
        var incidentStep = await Assert.ThrowsAsync<SosDomainException>(() => Client.GetUnit(resting).SetStatusAsync(UnitStatus.OnScene, Actors.Operator("anna")));

        Assert.Equal(["unit-not-available", "unit-not-available", "unit-on-incident", "unit-status-of-incident"], new[] { onBreak, elsewhere, byHand, incidentStep }.Select(e => e.Reason));
        AssertSame(before, await second.GetAsync());
        Assert.Equal(UnitStatus.Break, (await Client.GetUnit(resting).GetAsync()).Status);
        Assert.Equal(UnitStatus.Dispatched, (await Client.GetUnit(busy).GetAsync()).Status);
    }

    [Fact]
    public async Task ClosingAnIncidentReleasesEveryUnitAndReopeningListsItAgain()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var one = await centre.AddUnitAsync("PVL-30", 52.29, 76.95);
        var two = await centre.AddUnitAsync("PVL-31", 52.28, 76.94);
        var incident = Client.GetIncident(Guid.NewGuid());
        var opened = await incident.OpenAsync(Opening(centre));
        await incident.AssignAsync(one, Actors.Operator("anna"));
        await incident.AssignAsync(two, Actors.Operator("anna"));
        await incident.ReportAsync(two, AssignmentStep.OnScene, Actors.Operator("crew"));

        var wrong = await Assert.ThrowsAsync<SosDomainException>(() => incident.CloseAsync("solved-somehow", Actors.Operator("anna")));
        var closed = await incident.CloseAsync("arrest", Actors.Operator("anna"));
        var late = await Assert.ThrowsAsync<SosDomainException>(() => incident.AddNoteAsync("after the end", Actors.Operator("anna")));

        Assert.Equal("disposition-unknown", wrong.Reason);
        Assert.Equal("incident-ended", late.Reason);
        Assert.Equal((IncidentStatus.Closed, "arrest"), (closed.Status, closed.Disposition));
        Assert.All(closed.Assignments, a => Assert.NotNull(a.ClearedAt));
        Assert.All(await Task.WhenAll(Client.GetUnit(one).GetAsync(), Client.GetUnit(two).GetAsync()), u => Assert.True(u.IsAvailable, $"{u.UnitId} is {u.Status}"));

        var reopened = await incident.ReopenAsync("the suspect came back", Actors.Operator("anna"));
        Assert.Equal((IncidentStatus.ReOpened, (string?)null), (reopened.Status, reopened.Disposition));
        Assert.Contains(opened.IncidentId, await Client.GetIncidentRegister(centre.Id).OpenAsync());
    }

    [Fact]
    public async Task CorrectedLocationKeepsWhereTheCallerWas()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var incident = Client.GetIncident(Guid.NewGuid());
        var opened = await incident.OpenAsync(Opening(centre, (await centre.AnsweredCallAsync("anna")).CallId));

        var moved = await incident.MoveAsync(new IncidentLocation(52.3, 76.96, "  Toraighyrov St 64 ", null, IncidentLocationSources.Kiosk), Actors.Operator("anna"));
        var refused = await Assert.ThrowsAsync<SosDomainException>(() => incident.MoveAsync(new IncidentLocation(91, 0, null, null, "operator"), Actors.Operator("anna")));

        Assert.Equal("location-invalid", refused.Reason);
        Assert.Equal((52.3, 76.96, "Toraighyrov St 64", IncidentLocationSources.Operator), (moved.Location!.Latitude, moved.Location.Longitude, moved.Location.Address, moved.Location.Source));
        AssertSame(opened.CallerLocation, moved.CallerLocation);
        AssertSame(moved, await incident.GetAsync());
    }

    [Fact]
    public async Task EditingANoteAddsARevisionAndKeepsWhatWasWrittenFirst()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var incident = Client.GetIncident(Guid.NewGuid());
        await incident.OpenAsync(Opening(centre));
        await incident.AddNoteAsync("Two men fighting", Actors.Operator("anna"));
        await incident.AddNoteAsync("One has a knife", Actors.Operator("anna"));
        centre.Clock.Advance(TimeSpan.FromSeconds(30));

        var revised = await incident.ReviseNoteAsync(1, "Three men fighting", Actors.Operator("boris"));
        var empty = await Assert.ThrowsAsync<SosDomainException>(() => incident.AddNoteAsync("   ", Actors.Operator("anna")));

        Assert.Equal("note-empty", empty.Reason);
        Assert.Equal(["Three men fighting", "One has a knife"], revised.CurrentNotes.Select(n => n.Text));
        Assert.Equal(3, revised.Notes.Length);
        Assert.Contains(revised.Notes, n => n is { Number: 1, Revision: 1, Text: "Two men fighting" });
        Assert.Contains(revised.Notes, n => n is { Number: 1, Revision: 2, Author: "operator:boris" });
        Assert.Equal(IncidentStatus.Active, revised.Status);
    }

    [Fact]
    public async Task IncidentTypesAreTheCentresToChangeAndARetiredOneIsNoLongerChosen()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var register = Client.GetIncidentRegister(centre.Id);
        var seeded = await register.TypesAsync();
        var labels = System.Collections.Immutable.ImmutableDictionary.CreateRange(new Dictionary<string, string> { ["ru"] = "Стрельба", ["kk"] = "Атыс", ["en"] = "Shooting" });

        var added = await register.SaveTypeAsync(new IncidentType("shooting", labels, 1), Actors.Operator("admin"));
        var invalid = await Assert.ThrowsAsync<SosDomainException>(() => register.SaveTypeAsync(new IncidentType("Bad Code", labels.Clear(), 9), Actors.Operator("admin")));
        await register.SaveTypeAsync(seeded.Single(t => t.Code == "harassment") with { Retired = true }, Actors.Operator("admin"));
        var incident = Client.GetIncident(Guid.NewGuid());
        await incident.OpenAsync(Opening(centre));
        var shooting = await incident.ClassifyAsync("shooting", null, Actors.Operator("anna"));
        var retired = await Assert.ThrowsAsync<SosDomainException>(() => incident.ClassifyAsync("harassment", null, Actors.Operator("anna")));
        var priority = await Assert.ThrowsAsync<SosDomainException>(() => incident.ClassifyAsync(null, 0, Actors.Operator("anna")));

        Assert.Contains(seeded, t => t.Code == "assault" && t.LabelIn("ru") == "Нападение / насилие");
        Assert.Equal(seeded.Length + 1, added.Length);
        Assert.Equal("Атыс", added[^1].LabelIn("kk"));
        Assert.Equal("incident-type-invalid", invalid.Reason);
        Assert.Equal(("shooting", 1), (shooting.TypeCode, shooting.Priority));
        Assert.Equal(["incident-type-unknown", "priority-invalid"], new[] { retired.Reason, priority.Reason });
    }

    [Fact]
    public async Task UnitKeepsItsNewestPositionAndRefusesOneOffTheEarth()
    {
        await using var centre = await TestCentre.StartAsync(fixture);
        var unitId = await centre.AddUnitAsync("PVL-40", 52.29, 76.95);
        var unit = Client.GetUnit(unitId);

        var older = await unit.ReportPositionAsync(new GeoFix(52.0, 76.0, 5, centre.Clock.GetUtcNow().AddMinutes(-1), "avl"));
        var invalid = await Assert.ThrowsAsync<SosDomainException>(() => unit.ReportPositionAsync(new GeoFix(52.0, 200, 5, centre.Clock.GetUtcNow())));
        var future = await Assert.ThrowsAsync<SosDomainException>(() => unit.ReportPositionAsync(new GeoFix(52.0, 76.0, 5, centre.Clock.GetUtcNow().AddHours(1))));
        centre.Clock.Advance(TimeSpan.FromSeconds(10));
        var newer = await unit.ReportPositionAsync(new GeoFix(52.30, 76.96, 5, centre.Clock.GetUtcNow(), "avl"));

        Assert.Equal(52.29, older.Position!.Latitude);
        Assert.Equal(["position-invalid", "position-in-future"], new[] { invalid.Reason, future.Reason });
        Assert.Equal((52.30, "avl"), (newer.Position!.Latitude, newer.Position.Method));
        Assert.Contains(unitId, await Client.GetUnitDirectory(centre.Id).GetAsync());
    }

    private static IncidentOpening Opening(TestCentre centre, Guid? callId = null, string? type = null) =>
        new(centre.Id, callId is null ? IncidentSource.Phone : IncidentSource.KioskCall, Actors.Operator("anna"), callId, type,
            Location: callId is null ? new IncidentLocation(52.285, 76.94, "Satpayev St 10", "Central", IncidentLocationSources.Operator) : null);

    /// <summary>The same incident as read twice (records holding immutable arrays compare them by reference).</summary>
    private static void AssertSame<T>(T expected, T actual) =>
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(expected), System.Text.Json.JsonSerializer.Serialize(actual));

    private static async Task<(UnitStatus, Guid?, string?)> StatusOf(IUnitGrain unit)
    {
        var snapshot = await unit.GetAsync();
        return (snapshot.Status, snapshot.IncidentId, snapshot.IncidentNumber);
    }
}
