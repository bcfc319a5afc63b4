using Microsoft.Extensions.Localization;
using Sos.Grains.Abstractions;
using Sos.Grains.Units;

namespace Sos.Console.Services;

/// <summary>What the map draws, as the browser's map script reads it.</summary>
/// <param name="Kiosks">Kiosks, coloured by health, ringed while their call is open.</param>
/// <param name="Incidents">Incidents, coloured by priority; one may be the selected one.</param>
/// <param name="Units">Units, coloured by status, faded when their position is stale.</param>
/// <param name="Focus">Where to centre the map now; null leaves it where the user put it.</param>
/// <param name="SendText">The label of the Send button in a unit's popup.</param>
/// <param name="Callers">Citizens' phones: the latest fix with its accuracy circle, and the trail of earlier ones.</param>
public sealed record MapLayers(IReadOnlyList<MapKiosk> Kiosks, IReadOnlyList<MapIncident> Incidents, IReadOnlyList<MapUnit> Units, MapPoint? Focus, string SendText, IReadOnlyList<MapCaller>? Callers = null)
{
    /// <summary>A citizen's phone as the map draws it; null while it sent no fix.</summary>
    public static MapCaller? CallerOf(CallSnapshot call, string label) => call.Citizen is { Location: { } fix } citizen
        ? new MapCaller(citizen.SessionId.ToString(), label, fix.Latitude, fix.Longitude, fix.AccuracyMeters, [.. citizen.Trail.Select(t => new[] { t.Latitude, t.Longitude })])
        : null;

    /// <summary>Nothing to draw.</summary>
    public static readonly MapLayers Empty = new([], [], [], null, string.Empty);

    /// <summary>The centre's kiosks as the map draws them.</summary>
    public static IReadOnlyList<MapKiosk> KiosksOf(IEnumerable<KioskSnapshot> kiosks) =>
        [.. kiosks.Where(k => k.Registration is not null).Select(k => new MapKiosk(k.KioskId, k.Registration!.Name, k.Registration.Latitude, k.Registration.Longitude,
            KioskStatuses.Of(k).ToString(), k.OpenCallId is not null))];

    /// <summary>Incidents with a location, the selected one marked.</summary>
    public static IReadOnlyList<MapIncident> IncidentsOf(IEnumerable<IncidentSnapshot> incidents, Guid? selected, IReadOnlyList<IncidentType> types, IStringLocalizer<Text> text) =>
        [.. incidents.Where(i => i.Location is not null && !i.IsEnded || i.IncidentId == selected).Where(i => i.Location is not null).Select(i => new MapIncident(
            i.IncidentId.ToString(), i.Number, i.TypeCode is null ? text.Of(i.Status) : IncidentService.TypeLabel(types, i.TypeCode),
            i.Location!.Latitude, i.Location.Longitude, i.Priority, i.Status.ToString(), i.IncidentId == selected))];

    /// <summary>
    /// Units as the map draws them: with a ranking (the selected incident's nearest units), the recommended ones carry
    /// their rank and a Send button; without one, every unit is drawn by its status.
    /// </summary>
    public static IReadOnlyList<MapUnit> UnitsOf(IEnumerable<UnitSnapshot> units, IReadOnlyList<UnitRanking>? ranking, bool canAssign, DateTimeOffset now, UnitOptions options, IStringLocalizer<Text> text)
    {
        var ranks = (ranking ?? []).ToDictionary(r => r.Unit.UnitId, StringComparer.Ordinal);
        return [.. units.Where(u => u.IsRegistered && u.Position is not null).Select(u =>
        {
            var ranked = ranks.GetValueOrDefault(u.UnitId);
            return new MapUnit(u.UnitId, u.Position!.Latitude, u.Position.Longitude, u.Status.ToString(), text.Of(u.Status), u.IsStale(now, options.StaleFixAfter),
                ranked?.Rank ?? 0, canAssign && ranked is { IsRecommended: true },
                ranked?.DistanceMeters is { } m ? text["Incident.Km", (m / 1000).ToString("0.0", System.Globalization.CultureInfo.CurrentCulture)].Value : null);
        })];
    }
}

/// <summary>A kiosk on the map.</summary>
public sealed record MapKiosk(string Id, string Name, double Latitude, double Longitude, string Health, bool HasCall);

/// <summary>An incident on the map.</summary>
public sealed record MapIncident(string Id, string Number, string Label, double Latitude, double Longitude, int Priority, string Status, bool Selected);

/// <summary>A patrol unit on the map.</summary>
public sealed record MapUnit(string Id, double? Latitude, double? Longitude, string Status, string StatusText, bool Stale, int Rank, bool CanAssign, string? Distance);

/// <summary>A citizen's phone on the map: where it is, how far off that may be, and where it was.</summary>
public sealed record MapCaller(string Id, string Label, double Latitude, double Longitude, double AccuracyMeters, IReadOnlyList<double[]> Trail);

/// <summary>A point to centre the map on.</summary>
public sealed record MapPoint(double Latitude, double Longitude);
