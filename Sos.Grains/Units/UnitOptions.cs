using Sos.Grains.Abstractions;

namespace Sos.Grains.Units;

/// <summary>Patrol-unit settings (<c>Sos:Units</c>), read by the console's map and nearest-unit list.</summary>
public sealed class UnitOptions
{
    /// <summary>A position older than this is shown stale and ranked after fresh ones (<c>Sos:Units:StaleFixAfter</c>).</summary>
    public TimeSpan StaleFixAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Units further than this from an incident are not offered as nearest (<c>Sos:Units:NearestRadiusMeters</c>).</summary>
    public double NearestRadiusMeters { get; set; } = 15_000;

    /// <summary>How many units the nearest-unit list shows at most (<c>Sos:Units:NearestCount</c>).</summary>
    public int NearestCount { get; set; } = 8;

    /// <summary>
    /// How long a unit may stay in a status before the console warns (<c>Sos:Units:StatusWarnings:Dispatched</c> …);
    /// a status not listed never warns.
    /// </summary>
    public Dictionary<UnitStatus, TimeSpan> StatusWarnings { get; set; } = new()
    {
        [UnitStatus.Dispatched] = TimeSpan.FromMinutes(2),
        [UnitStatus.EnRoute] = TimeSpan.FromMinutes(15),
        [UnitStatus.OnScene] = TimeSpan.FromMinutes(60),
        [UnitStatus.Busy] = TimeSpan.FromMinutes(60),
        [UnitStatus.Break] = TimeSpan.FromMinutes(30),
    };

    /// <summary>Whether a unit has been in its status longer than its warning allows.</summary>
    public bool IsOverdue(UnitSnapshot unit, DateTimeOffset now) =>
        StatusWarnings.TryGetValue(unit.Status, out var limit) && now - unit.StatusSince > limit;
}
