namespace Sos.Grains.Abstractions;

/// <summary>The key of a centre's call log for one UTC day: <c>&lt;centre&gt;/&lt;yyyy-MM-dd&gt;</c>.</summary>
public static class CallLogKey
{
    /// <summary>The key of <paramref name="centreId"/>'s log of <paramref name="day"/>.</summary>
    public static string For(string centreId, DateOnly day) => $"{centreId}/{day:yyyy-MM-dd}";

    /// <summary>The UTC day a call belongs to: the day its press arrived.</summary>
    public static DateOnly DayOf(DateTimeOffset openedAt) => DateOnly.FromDateTime(openedAt.UtcDateTime);
}
