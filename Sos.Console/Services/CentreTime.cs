using System.Globalization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Sos.Console.Hosting;
using Sos.Grains.Abstractions;

namespace Sos.Console.Services;

/// <summary>
/// The time of the user's operations centre: every time the console shows is in the centre's zone
/// (<see cref="CentreSettings.TimeZoneId"/>), and "today" and the history's days are the centre's local days. Scoped: one
/// per circuit, which learns its centre's zone as it opens (before the first page renders).
/// </summary>
public sealed class CentreTime(IServiceProvider services) : CircuitHandler
{
    /// <summary>The centre's zone (UTC until known).</summary>
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>The zone as a user reads it: its IANA id and its present offset from UTC.</summary>
    public string ZoneName => NameOf(Zone, DateTimeOffset.UtcNow);

    /// <inheritdoc />
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var authentication = services.GetRequiredService<AuthenticationStateProvider>();
        if (ConsoleUser.From((await authentication.GetAuthenticationStateAsync()).User) is { } user)
        {
            await UseCentreAsync(user.CentreId);
        }
    }

    /// <summary>Reads the zone of <paramref name="centreId"/> (again: after an administrator changed it).</summary>
    public async Task UseCentreAsync(string centreId) => Zone = await services.GetRequiredService<CentreAdminService>().TimeZoneAsync(centreId);

    /// <summary>Uses <paramref name="zone"/> (a page that knows its centre's zone already).</summary>
    public void Use(TimeZoneInfo zone) => Zone = zone;

    /// <summary><paramref name="at"/> in the centre's zone.</summary>
    public DateTimeOffset ToLocal(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    /// <summary>A time of day, <c>HH:mm:ss</c>.</summary>
    public string Time(DateTimeOffset at) => ToLocal(at).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A date and time in the user's culture's date order, 24-hour clock.</summary>
    public string Moment(DateTimeOffset at) => MomentIn(ToLocal(at), CultureInfo.CurrentCulture);

    /// <summary>The centre's local day <paramref name="at"/> falls on.</summary>
    public DateOnly DayOf(DateTimeOffset at) => DayOf(at, Zone);

    /// <summary>A local date and time as the culture writes dates, with a 24-hour clock.</summary>
    public static string MomentIn(DateTimeOffset local, CultureInfo culture) =>
        local.ToString(culture.DateTimeFormat.ShortDatePattern + " HH:mm:ss", culture);

    /// <summary>The day <paramref name="at"/> falls on in <paramref name="zone"/>.</summary>
    public static DateOnly DayOf(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>When local day <paramref name="day"/> of <paramref name="zone"/> starts, as an instant.</summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);

        // A day whose midnight a clock change skipped starts at the first minute that exists.
        while (zone.IsInvalidTime(midnight))
        {
            midnight = midnight.AddMinutes(1);
        }

        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
    }

    /// <summary>The UTC days (the call log's keys) that hold the calls of local days <paramref name="first"/> to <paramref name="last"/>.</summary>
    public static IEnumerable<DateOnly> UtcDaysOf(DateOnly first, DateOnly last, TimeZoneInfo zone)
    {
        var from = CallLogKey.DayOf(StartOf(first, zone));
        var to = CallLogKey.DayOf(StartOf(last.AddDays(1), zone).AddTicks(-1));
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    /// <summary>A zone as a user reads it: <c>Asia/Almaty (UTC+05:00)</c>.</summary>
    public static string NameOf(TimeZoneInfo zone, DateTimeOffset at)
    {
        var offset = zone.GetUtcOffset(at);
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return $"{zone.Id} (UTC{sign}{offset.Duration():hh\\:mm})";
    }
}
