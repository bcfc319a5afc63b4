namespace Sos.Console.Hosting;

/// <summary>
/// The console's map (<c>Sos:Console:Map</c>). The base map comes from the installation: a tile server of its own
/// (<see cref="TileUrl"/>) or an MBTiles file the console serves itself (<see cref="MbTiles"/>); with neither, the map
/// is a plain schematic and says so. Nothing is fetched from the internet.
/// </summary>
public sealed class MapOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Sos:Console:Map";

    /// <summary>A tile URL template of the installation's own tile server, such as <c>https://tiles.police.local/{z}/{x}/{y}.png</c>.</summary>
    public string? TileUrl { get; set; }

    /// <summary>An MBTiles file (raster tiles in SQLite) the console serves at <c>/map/tiles/{z}/{x}/{y}</c>.</summary>
    public string? MbTiles { get; set; }

    /// <summary>The attribution the base map's licence asks for.</summary>
    public string? Attribution { get; set; }

    /// <summary>Where the map opens: latitude (Pavlodar's centre by default).</summary>
    public double Latitude { get; set; } = 52.287;

    /// <summary>Where the map opens: longitude.</summary>
    public double Longitude { get; set; } = 76.953;

    /// <summary>The zoom the map opens at (0–19).</summary>
    public int Zoom { get; set; } = 13;

    /// <summary>The tile URL the browser loads, or null for the schematic.</summary>
    public string? EffectiveTileUrl => !string.IsNullOrWhiteSpace(TileUrl) ? TileUrl : !string.IsNullOrWhiteSpace(MbTiles) ? MapAssets.TilesPath + "/{z}/{x}/{y}" : null;
}
