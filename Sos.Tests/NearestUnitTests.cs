using Sos.Grains.Abstractions;
using Sos.Grains.Units;

namespace Sos.Tests;

public sealed class NearestUnitTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The Central Embankment kiosk.</summary>
    private static readonly IncidentLocation Embankment = new(52.288, 76.942, "Central Embankment", "Central", IncidentLocationSources.Kiosk);

    [Fact]
    public void AvailableUnitsAreRankedByDistanceWithFreshFixesBeforeStaleOnes()
    {
        var ranked = NearestUnits.Rank(Embankment, [
            Unit("far", 52.300, 76.980),
            Unit("near", 52.289, 76.943),
            Unit("stale-nearest", 52.288, 76.942, fixAge: TimeSpan.FromMinutes(10)),
            Unit("middle", 52.295, 76.950),
        ], Now, new UnitOptions());

        Assert.Equal(["near", "middle", "far", "stale-nearest"], ranked.Select(r => r.Unit.UnitId));
        Assert.Equal([1, 2, 3, 4], ranked.Select(r => r.Rank));
        Assert.Equal([RankingReason.Nearest, RankingReason.Nearest, RankingReason.Nearest, RankingReason.StalePosition], ranked.Select(r => r.Reason));
        Assert.True(ranked[3].IsStale);
        Assert.InRange(ranked[0].DistanceMeters!.Value, 100, 150);
        Assert.InRange(ranked[2].DistanceMeters!.Value, 2_800, 3_000);
    }

    [Fact]
    public void UnitsLeftOutAreListedAfterTheRankedWithTheirReason()
    {
        var ranked = NearestUnits.Rank(Embankment, [
            Unit("busy", 52.288, 76.942, UnitStatus.Busy),
            Unit("sent", 52.288, 76.942, incident: Guid.NewGuid()),
            Unit("ekibastuz", 51.72, 75.32),
            Unit("blind", null, null),
            Unit("ok", 52.29, 76.95),
            new UnitSnapshot("unregistered", null, UnitStatus.Available, Now),
        ], Now, new UnitOptions { NearestRadiusMeters = 10_000 });

        Assert.Equal(["ok", "ekibastuz", "blind", "busy", "sent"], ranked.Select(r => r.Unit.UnitId));
        Assert.Equal(
            [RankingReason.Nearest, RankingReason.OutOfRadius, RankingReason.NoPosition, RankingReason.NotAvailable, RankingReason.NotAvailable],
            ranked.Select(r => r.Reason));
        Assert.Equal([true, false, false, false, false], ranked.Select(r => r.IsRecommended));
        Assert.Null(ranked[2].DistanceMeters);
    }

    [Fact]
    public void NoMoreUnitsAreRecommendedThanTheListShows()
    {
        var units = Enumerable.Range(1, 12).Select(i => Unit($"u{i:00}", 52.288 + (i * 0.001), 76.942)).ToList();

        var ranked = NearestUnits.Rank(Embankment, units, Now, new UnitOptions { NearestCount = 5 });

        Assert.Equal(["u01", "u02", "u03", "u04", "u05"], ranked.Select(r => r.Unit.UnitId));
    }

    private static UnitSnapshot Unit(string id, double? latitude, double? longitude, UnitStatus status = UnitStatus.Available, TimeSpan? fixAge = null, Guid? incident = null) =>
        new(id, new UnitProfile(id, UnitKind.Car, "Central", "pavlodar", []), incident is null ? status : UnitStatus.Dispatched, Now.AddHours(-1),
            latitude is { } lat && longitude is { } lon ? new GeoFix(lat, lon, 10, Now - (fixAge ?? TimeSpan.FromSeconds(20)), "gps") : null,
            incident, incident is null ? null : "PVL-2026-000001");
}
