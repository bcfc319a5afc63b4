using System.Globalization;
using Microsoft.Extensions.Localization;
using Sos.Grains.Abstractions;

namespace Sos.Console.Services;

/// <summary>
/// A timeline step's detail in the user's language: Sos's own details are worded from their code
/// (<c>Timeline.&lt;code&gt;</c>), times in the centre's zone, statuses and categories by their labels; a detail with
/// no code (or one this console has no words for) is shown as recorded.
/// </summary>
public static class TimelineWords
{
    /// <summary>The detail, and whether it is Sos's own words (false: shown as it was recorded).</summary>
    public static (string? Text, bool Worded) Detail(this IStringLocalizer<Text> text, CallEvent step, CentreTime time)
    {
        if (step.Code is not { } code || text[$"Timeline.{code}"] is not { ResourceNotFound: false })
        {
            return (step.Detail, false);
        }

        var values = step.Values.IsDefault ? [] : step.Values;
        var shown = values.Select((value, index) => Value(text, time, code, index, value)).Cast<object>().ToArray();
        return (text[$"Timeline.{code}", shown].Value, true);
    }

    private static string Value(IStringLocalizer<Text> text, CentreTime time, string code, int index, string value) => (code, index) switch
    {
        ("disposition", 0) when Enum.TryParse<CallDisposition>(value, out var disposition) => text.Of(disposition),
        ("press-joined", 2) when Enum.TryParse<CallPriority>(value, out var priority) => text.Of(priority),
        ("incident" or "incident-category", 0) => IncidentCategories.Label(text, value),
        _ when DateTimeOffset.TryParseExact(value, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) => time.Time(at),
        _ when value.Contains('.', StringComparison.Ordinal) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number.ToString("0.0##", CultureInfo.CurrentCulture),
        _ => value,
    };
}
