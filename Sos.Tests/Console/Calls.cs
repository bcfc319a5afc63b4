using Sos.Grains.Abstractions;

namespace Sos.Tests.Console;

/// <summary>Call snapshots for component tests.</summary>
public static class Calls
{
    public static readonly DateTimeOffset Opened = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    public static CallSnapshot Ringing(string login = "anna") => CallSnapshot.None(Guid.NewGuid()) with
    {
        KioskId = "pvl-embankment-01",
        Kiosk = new KioskRegistration("Central Embankment", "Irtysh embankment, by the river station", 52.288, 76.942, "Central", "pavlodar"),
        Status = CallStatus.Ringing,
        PressCount = 1,
        OpenedAt = Opened,
        RingingOperators = [login],
        RingingSince = Opened.AddSeconds(2),
        Attempt = 1,
    };

    public static CallSnapshot Connected(string login = "anna") => Ringing(login) with
    {
        Status = CallStatus.Connected,
        RingingOperators = [],
        RingingSince = null,
        ConnectedOperator = login,
        ConnectedAt = Opened.AddSeconds(5),
    };
}
