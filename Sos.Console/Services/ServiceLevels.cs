using Microsoft.Extensions.Localization;

namespace Sos.Console.Services;

/// <summary>The answering targets of public-safety answering points: 10, 15 and 20 seconds.</summary>
public static class ServiceLevels
{
    /// <summary>The thresholds, in order.</summary>
    public static readonly TimeSpan[] Thresholds = [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(20)];

    /// <summary>The level of a waiting or answer time.</summary>
    public static ServiceLevel For(TimeSpan waited) =>
        waited < Thresholds[0] ? ServiceLevel.Within10
        : waited < Thresholds[1] ? ServiceLevel.Within15
        : waited < Thresholds[2] ? ServiceLevel.Within20
        : ServiceLevel.Breached;

    /// <summary>The CSS class that colours a timer at this level (see wwwroot/app.css).</summary>
    public static string CssClass(ServiceLevel level) => level switch
    {
        ServiceLevel.Within10 => "sl-10",
        ServiceLevel.Within15 => "sl-15",
        ServiceLevel.Within20 => "sl-20",
        _ => "sl-breached",
    };

    /// <summary>
    /// The words a ringing call carries for a wait past the answering targets (a level from
    /// <see cref="Hosting.ConsoleOptions.LevelOf"/>), or null within the first.
    /// </summary>
    public static string? Urgency(IStringLocalizer<Text> text, int level) => level switch
    {
        <= 1 => null,
        2 => text["Urgency.Long"].Value,
        3 => text["Urgency.TooLong"].Value,
        _ => text["Urgency.OverEveryTarget"].Value,
    };

    /// <summary>A time as the wall shows it: m:ss.</summary>
    public static string Format(TimeSpan time) =>
        time < TimeSpan.Zero ? "0:00" : $"{(int)time.TotalMinutes}:{time.Seconds:00}";
}
