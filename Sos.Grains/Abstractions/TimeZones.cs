namespace Sos.Grains.Abstractions;

/// <summary>
/// Time zones by IANA id (<c>Asia/Almaty</c>), from the machine's tzdata (Debian's <c>tzdata</c> package; the runtime
/// reads <c>/usr/share/zoneinfo</c>).
/// </summary>
public static class TimeZones
{
    /// <summary>The zone of <paramref name="id"/>, or null when the id is empty or this machine does not know it.</summary>
    public static TimeZoneInfo? Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }
}
