using Sos.Console.Services;
using Sos.Grains.Abstractions;
using Sos.Grains.Kiosks;

namespace Sos.Tests.Console;

public sealed class WallBoardTests
{
    [Fact]
    public void LiveChangesMoveCallsOffTheWallAndIntoTodaysFigures()
    {
        var board = new WallBoard("pavlodar");
        var ringing = Calls.Ringing();
        board.Load(new WallSnapshot([ringing], [], [], [], CallLogKey.DayOf(Calls.Opened), TimeZoneInfo.Utc, []));
        Assert.Equal(1, board.Figures(Calls.Opened.AddSeconds(3)).Calls);

        board.Apply(ringing with { Status = CallStatus.Connected, ConnectedOperator = "anna", ConnectedAt = Calls.Opened.AddSeconds(8), RingingOperators = [] });
        Assert.Single(board.OpenCalls);
        board.Apply(ringing with { Status = CallStatus.WrapUp, ConnectedOperator = "anna", ConnectedAt = Calls.Opened.AddSeconds(8), RingingOperators = [] });

        Assert.Empty(board.OpenCalls);
        var figures = board.Figures(Calls.Opened.AddMinutes(1));
        Assert.Equal(1, figures.Calls);
        Assert.Equal(1.0, figures.Within10);
    }

    [Fact]
    public void OperatorsAndKiosksOfOtherCentresAreNotShown()
    {
        var board = new WallBoard("pavlodar");
        board.Apply(new OperatorSnapshot("anna", "pavlodar", OperatorPresence.Available, Calls.Opened, null, null, null, null, 0, 0, 0, TimeSpan.Zero));
        board.Apply(new OperatorSnapshot("zara", "astana", OperatorPresence.Available, Calls.Opened, null, null, null, null, 0, 0, 0, TimeSpan.Zero));
        board.Apply(KioskState.None("k-1").Kiosk with { Registration = new KioskRegistration("A", "a", 52, 76, "C", "astana") });

        Assert.Equal(["anna"], board.Operators.Select(o => o.Login));
        Assert.Empty(board.Kiosks);
    }

    [Fact]
    public void KioskStatusFollowsTheKiosksOwnSupervisionAndKeepsItsFaultsWhileOffline()
    {
        var healthy = new KioskHealth(true, true, false, PowerSource.Mains, "1.0");
        var kiosk = KioskState.None("k-1").Kiosk with
        {
            Lifecycle = KioskLifecycle.InService,
            LastHeartbeatAt = Calls.Opened.AddMinutes(-10),
            Health = healthy,
            Connectivity = KioskConnectivity.Online,
        };

        // A heartbeat that changes nothing is not republished, so an old heartbeat time says nothing by itself.
        Assert.Equal(KioskStatus.Online, KioskStatuses.Of(kiosk));
        Assert.Equal(KioskStatus.Offline, KioskStatuses.Of(kiosk with { Connectivity = KioskConnectivity.Offline }));
        Assert.Equal(KioskStatus.Offline, KioskStatuses.Of(kiosk with { Connectivity = KioskConnectivity.Unknown, LastHeartbeatAt = null }));
        var faulty = kiosk with { Health = healthy with { Tampered = true } };
        Assert.Equal(KioskStatus.Fault, KioskStatuses.Of(faulty));
        Assert.Equal(KioskStatus.Offline, KioskStatuses.Of(faulty with { Connectivity = KioskConnectivity.Offline }));
        Assert.Equal("tamper", KioskStatuses.Faults(ConsoleText.English, faulty.Health));
    }
}
