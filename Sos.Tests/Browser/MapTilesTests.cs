using System.Net;
using Microsoft.Data.Sqlite;
using static Microsoft.Playwright.Assertions;

namespace Sos.Tests.Browser;

/// <summary>
/// A police network without internet: the console serves the base map from an MBTiles file of the installation, and
/// the map draws it (no schematic then); only signed-in users get tiles.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class MapTilesTests(ConsoleFixture fixture)
{
    // A 1×1 PNG: what a tile holds matters less than that it comes from the file, byte for byte.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public async Task ConsoleServesTheBaseMapFromTheInstallationsMbTilesFileToSignedInUsersOnly()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("sos-mbtiles-").FullName, "pavlodar.mbtiles");
        WriteMbTiles(file, zoom: 13, columns: (5840, 5856), rows: (2688, 2704));
        await using var app = await ConsoleApp.StartAsync(new Dictionary<string, string> { ["Sos:Console:Map:MbTiles"] = file });
        var page = await fixture.NewPageAsync(app.Address);
        var anonymous = await page.APIRequest.GetAsync(new Uri(app.Address, "/map/tiles/13/5847/2695").ToString(), new() { MaxRedirects = 0 });
        Assert.NotEqual(HttpStatusCode.OK, (HttpStatusCode)anonymous.Status);

        await ConsoleFixture.SignInAsync(page, "dispatcher1", Sos.Silo.Demo.DemoAccounts.DefaultPassword);
        await page.GotoAsync("/map");

        // The map asks for the tiles around Pavlodar and draws them; it says nothing of a schematic.
        await Expect(page.Locator("img.leaflet-tile-loaded[src*='/map/tiles/13/']").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("map-schematic")).ToHaveCountAsync(0);
        var tile = await page.APIRequest.GetAsync(new Uri(app.Address, "/map/tiles/13/5847/2695").ToString());
        Assert.Equal((200, "image/png"), (tile.Status, tile.Headers["content-type"]));
        Assert.Equal(Png, await tile.BodyAsync());
        Assert.Equal(404, (await page.APIRequest.GetAsync(new Uri(app.Address, "/map/tiles/13/100/100").ToString())).Status);
        Assert.Equal(404, (await page.APIRequest.GetAsync(new Uri(app.Address, "/map/tiles/3/9/0").ToString())).Status);
    }

    /// <summary>An MBTiles file (SQLite, TMS rows counted from the south) with the same tile at every place of the block.</summary>
    private static void WriteMbTiles(string file, int zoom, (int From, int To) columns, (int From, int To) rows)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = """
            CREATE TABLE metadata (name TEXT, value TEXT);
            CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);
            INSERT INTO metadata VALUES ('name', 'Pavlodar test'), ('format', 'png');
            """;
        create.ExecuteNonQuery();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO tiles VALUES ($z, $x, $row, $data)";
        var (z, x, row, data) = (insert.Parameters.Add("$z", SqliteType.Integer), insert.Parameters.Add("$x", SqliteType.Integer), insert.Parameters.Add("$row", SqliteType.Integer), insert.Parameters.Add("$data", SqliteType.Blob));
        for (var column = columns.From; column < columns.To; column++)
        {
            for (var y = rows.From; y < rows.To; y++)
            {
                (z.Value, x.Value, row.Value, data.Value) = (zoom, column, (1 << zoom) - 1 - y, Png);
                insert.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }
}
