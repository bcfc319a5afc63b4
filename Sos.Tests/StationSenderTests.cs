using Sos.Grains.Stations;

namespace Sos.Tests;

/// <summary>
/// Which help point a SIP press came from: the station whose user and host the From names, sent from that address;
/// stations alike told apart by the port they send from; a press Sos still cannot place is not given to any of them.
/// </summary>
public sealed class StationSenderTests
{
    private static readonly Dictionary<string, string> Stations = new()
    {
        ["park"] = "sip:help-point@10.20.0.2:5070",
        ["pier"] = "sip:help-point@10.20.0.2:5071",
        ["gate"] = "sip:gate-1@10.20.0.3",
        ["mall"] = "sips:mall@stations.example.org",
    };

    [Fact]
    public void PressIsTheStationsWhoseUserHostAndAddressItCarries()
    {
        Assert.Equal(["gate"], StationPresses.StationsOf(Stations, "sip:gate-1@10.20.0.3", "10.20.0.3", 40123));
        Assert.Equal(["mall"], StationPresses.StationsOf(Stations, "<sips:mall@Stations.Example.org>", "192.0.2.9", 5061));
    }

    [Fact]
    public void PressFromAnotherAddressOrUserIsNoStations()
    {
        Assert.Empty(StationPresses.StationsOf(Stations, "sip:gate-1@10.20.0.3", "10.20.0.9", 5060));
        Assert.Empty(StationPresses.StationsOf(Stations, "sip:gate-2@10.20.0.3", "10.20.0.3", 5060));
    }

    [Fact]
    public void StationsSharingAnAddressAndUserAreToldApartByThePortThePressCameFrom()
    {
        Assert.Equal(["park"], StationPresses.StationsOf(Stations, "sip:help-point@10.20.0.2", "10.20.0.2", 5070));
        Assert.Equal(["pier"], StationPresses.StationsOf(Stations, "sip:help-point@10.20.0.2:5071", "10.20.0.2", 5071));
    }

    [Fact]
    public void PressThatStillFitsSeveralStationsNamesThemAll()
    {
        Assert.Equal(["park", "pier"], StationPresses.StationsOf(Stations, "sip:help-point@10.20.0.2", "10.20.0.2", 40000));
        Assert.Equal(["park", "pier"], StationPresses.StationsOf(Stations, "sip:help-point@10.20.0.2", "10.20.0.2", null));
    }

    [Fact]
    public void StationWithoutAPortIsOnSipsOwnPort()
    {
        var alike = new Dictionary<string, string> { ["a"] = "sip:door@10.20.0.4", ["b"] = "sip:door@10.20.0.4:5080" };

        Assert.Equal(["a"], StationPresses.StationsOf(alike, "sip:door@10.20.0.4", "10.20.0.4", 5060));
        Assert.Equal(["b"], StationPresses.StationsOf(alike, "sip:door@10.20.0.4", "10.20.0.4", 5080));
    }
}
