using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>What an operations centre keeps about itself. Also the centre grain's persisted state.</summary>
/// <param name="Strategy">How its routing picks operators; null means the configured default.</param>
/// <param name="Operators">Every operator who ever signed in to it: routing asks them to announce themselves when it starts.</param>
/// <param name="Overflow">When its calls overflow to partner centres; null in state written before it existed.</param>
/// <param name="TimeZoneId">Its time zone's IANA id (<c>Asia/Almaty</c>); null until an administrator sets it (UTC).</param>
[GenerateSerializer, Immutable, Alias("Sos.CentreSettings")]
public sealed record CentreSettings(
    [property: Id(0)] RoutingStrategy? Strategy,
    [property: Id(1)] ImmutableSortedSet<string> Operators,
    [property: Id(2)] CentreOverflow? Overflow = null,
    [property: Id(3)] string? TimeZoneId = null)
{
    /// <summary>The centre's time zone: its IANA id as set, else UTC (also when this machine's tzdata lacks it).</summary>
    public TimeZoneInfo Zone => TimeZones.Find(TimeZoneId) ?? TimeZoneInfo.Utc;

    /// <summary>The overflow rules, none when never set.</summary>
    public CentreOverflow OverflowRules => Overflow is { Partners.IsDefault: false } set ? set : CentreOverflow.None;

    /// <summary>A centre nobody configured.</summary>
    public static readonly CentreSettings Empty = new(null, ImmutableSortedSet.Create<string>(StringComparer.Ordinal));
}
