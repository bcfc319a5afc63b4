using Microsoft.Data.Sqlite;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Sos.Silo;

namespace Sos.Console.Hosting;

/// <summary>
/// What the map needs from the console itself: the map library (Leaflet, copied beside the binaries by the build and
/// served at <c>/lib/leaflet</c>) and, when configured, the tiles of an MBTiles file at <c>/map/tiles/{z}/{x}/{y}</c>.
/// </summary>
public static class MapAssets
{
    /// <summary>Where the tiles of the configured MBTiles file are served.</summary>
    public const string TilesPath = "/map/tiles";

    /// <summary>The folder beside the binaries that holds the map library.</summary>
    public static string LibraryFolder => Path.Combine(AppContext.BaseDirectory, "maplib");

    /// <summary>Binds <c>Sos:Console:Map</c> and refuses an MBTiles file that is not there or a zoom off the scale.</summary>
    public static IServiceCollection AddSosMap(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(MapOptions.Section).Get<MapOptions>() ?? new MapOptions();
        if (options.MbTiles is { Length: > 0 } file && !File.Exists(file))
        {
            throw new SosConfigurationException($"{MapOptions.Section}:MbTiles is '{file}', and there is no such file.");
        }

        if (options.Zoom is < 0 or > 19 || !double.IsFinite(options.Latitude) || Math.Abs(options.Latitude) > 90 || !double.IsFinite(options.Longitude) || Math.Abs(options.Longitude) > 180)
        {
            throw new SosConfigurationException($"{MapOptions.Section} needs a Latitude from -90 to 90, a Longitude from -180 to 180 and a Zoom from 0 to 19.");
        }

        services.AddOptions<MapOptions>().Bind(configuration.GetSection(MapOptions.Section));
        return services;
    }

    /// <summary>Serves the map library; call before routing. A build without it (no npm) logs it, and the map says it is missing.</summary>
    public static WebApplication UseSosMapLibrary(this WebApplication app)
    {
        if (Directory.Exists(LibraryFolder))
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(LibraryFolder), RequestPath = "/lib" });
        }
        else
        {
            app.Logger.LogWarning("The map library is not beside the console's binaries ({Folder}): build with npm on the PATH to get it", LibraryFolder);
        }

        return app;
    }

    /// <summary>Maps the tiles of the configured MBTiles file (signed-in users only).</summary>
    public static WebApplication MapSosMapTiles(this WebApplication app)
    {
        app.MapGet(TilesPath + "/{z:int}/{x:int}/{y:int}", (int z, int x, int y, IOptions<MapOptions> options, ILogger<MapOptions> logger) =>
        {
            if (options.Value.MbTiles is not { Length: > 0 } file || z is < 0 or > 22 || x < 0 || y < 0 || x >= 1 << z || y >= 1 << z)
            {
                return Results.NotFound();
            }

            try
            {
                return Tile(file, z, x, y);
            }
            catch (SqliteException exception)
            {
                logger.LogWarning(exception, "The map tiles file {File} cannot be read", file);
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Map tiles unreadable", detail: $"{MapOptions.Section}:MbTiles cannot be read as MBTiles: {exception.Message}");
            }
        }).RequireAuthorization();
        return app;
    }

    private static IResult Tile(string file, int z, int x, int y)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();

        // MBTiles rows count from the south (TMS); the map asks from the north (XYZ).
        command.CommandText = "SELECT tile_data FROM tiles WHERE zoom_level = $z AND tile_column = $x AND tile_row = $row";
        command.Parameters.AddWithValue("$z", z);
        command.Parameters.AddWithValue("$x", x);
        command.Parameters.AddWithValue("$row", (1 << z) - 1 - y);
        return command.ExecuteScalar() is byte[] tile
            ? Results.Bytes(tile, tile.Length > 3 && tile[0] == 0xFF && tile[1] == 0xD8 ? "image/jpeg" : "image/png")
            : Results.NotFound();
    }
}
