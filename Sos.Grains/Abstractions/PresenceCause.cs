using System.Collections.Immutable;
using System.Globalization;

namespace Sos.Grains.Abstractions;

/// <summary>
/// Why Sos chose an operator's presence, as a stable code with the values its sentence needs: the console words it in
/// its user's language (<c>PresenceCause.&lt;code&gt;</c>); <see cref="English"/> is what logs and APIs carry.
/// </summary>
/// <param name="Code">The cause: <c>missed-offers</c>, <c>console-silent</c>, <c>taken-over</c> or <c>reassigned</c>.</param>
/// <param name="Arguments">The values its sentence names, in order.</param>
[GenerateSerializer, Immutable, Alias("Sos.PresenceCause")]
public sealed record PresenceCause([property: Id(0)] string Code, [property: Id(1)] ImmutableArray<string> Arguments)
{
    /// <summary>A break after <paramref name="count"/> offers missed in a row.</summary>
    public static PresenceCause MissedOffers(int count) => new("missed-offers", [count.ToString(CultureInfo.InvariantCulture)]);

    /// <summary>Signed out because the console was silent for <paramref name="seconds"/> seconds.</summary>
    public static PresenceCause ConsoleSilent(double seconds) => new("console-silent", [seconds.ToString("0", CultureInfo.InvariantCulture)]);

    /// <summary>Freed because <paramref name="supervisor"/> took the call over.</summary>
    public static PresenceCause TakenOver(string supervisor) => new("taken-over", [supervisor]);

    /// <summary>Freed because <paramref name="supervisor"/> gave the call to <paramref name="to"/>.</summary>
    public static PresenceCause Reassigned(string to, string supervisor) => new("reassigned", [to, supervisor]);

    /// <summary>The cause in English.</summary>
    public string English => (Code, Arguments.IsDefault ? [] : Arguments) switch
    {
        ("missed-offers", [var count]) => $"missed {count} offers in a row",
        ("console-silent", [var seconds]) => $"console silent for {seconds} s",
        ("taken-over", [var supervisor]) => $"call taken over by {supervisor}",
        ("reassigned", [var to, var supervisor]) => $"call reassigned to {to} by {supervisor}",
        _ => Code,
    };
}
