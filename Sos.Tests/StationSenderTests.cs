using Sos.Grains.Stations;

namespace Sos.Tests;

/// <summary>
/// Which help point a SIP press came from: the station whose user and host the From names, sent from that address;
/// stations alike told apart by the port they send from; a press Sos still cannot place is not given to any of them.
/// </summary>
public sealed class StationSenderTests
{
    private static readonly Dictionary<string, StationSender> Stations = new()
    {
        ["park"] = new("sip:help-point@10.20.0.2:5070"),
        ["pier"] = new("sip:help-point@10.20.0.2:5071"),
        ["gate"] = new("sip:gate-1@10.20.0.3"),
        ["mall"] = new("sips:mall@stations.example.org"),
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
        var alike = new Dictionary<string, StationSender> { ["a"] = new("sip:door@10.20.0.4"), ["b"] = new("sip:door@10.20.0.4:5080") };

        Assert.Equal(["a"], StationPresses.StationsOf(alike, "sip:door@10.20.0.4", "10.20.0.4", 5060));
        Assert.Equal(["b"], StationPresses.StationsOf(alike, "sip:door@10.20.0.4", "10.20.0.4", 5080));
    }

    [Fact]
    public void RegisteringStationsPressIsTakenFromWhereItRegistered()
    {
        var registered = new Dictionary<string, StationSender> { ["ferry"] = new("sip:hp-ferry@10.20.0.1:5070", Registers: true, Contact: "sip:hp-ferry@10.20.0.7:5062;transport=udp") };

        Assert.Equal(["ferry"], StationPresses.StationsOf(registered, "<sip:hp-ferry@10.20.0.1:5070>", "10.20.0.7", 5062));
        Assert.Empty(StationPresses.StationsOf(registered, "<sip:hp-ferry@10.20.0.1:5070>", "10.20.0.8", 5062));
    }

    [Fact]
    public void RegisteringStationWhoseRegistrationLapsedIsKnownByItsFromAlone()
    {
        var lapsed = new Dictionary<string, StationSender> { ["ferry"] = new("sip:hp-ferry@10.20.0.1:5070", Registers: true) };

        Assert.Equal(["ferry"], StationPresses.StationsOf(lapsed, "sip:hp-ferry@10.20.0.1", "10.20.0.9", 5060));
        Assert.Empty(StationPresses.StationsOf(lapsed, "sip:hp-other@10.20.0.1", "10.20.0.9", 5060));
    }

    [Fact]
    public void RegisterIsForTheStationWhoseUserAndHostItNames()
    {
        Assert.True(StationPresses.IsAor("sip:hp-ferry@10.20.0.1:5070", "sip:hp-ferry@10.20.0.1"));
        Assert.True(StationPresses.IsAor("sip:hp-ferry@sos.police.example", "<sip:hp-ferry@SOS.police.example:5070>"));
        Assert.False(StationPresses.IsAor("sip:hp-ferry@10.20.0.1", "sip:hp-pier@10.20.0.1"));
        Assert.Equal("hp-ferry@10.20.0.1", StationPresses.LocationKey("sip:hp-ferry@10.20.0.1:5070"));
    }
}
