using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Sos.Console.Services;
using Sos.Grains.Abstractions;
using Sos.Silo.Kiosk;

namespace Sos.Tests.Console;

public sealed partial class ResourceCompletenessTests
{
    private static readonly ResourceManager ConsoleWords = ConsoleText.Words;

    public static TheoryData<string, string> Translations() => new()
    {
        { "console", Languages.Russian },
        { "console", Languages.Kazakh },
        { "kiosk", Languages.Russian },
        { "kiosk", Languages.Kazakh },
        { "app", Languages.Russian },
        { "app", Languages.Kazakh },
        { "problems", Languages.Russian },
        { "problems", Languages.Kazakh },
    };

    [Theory]
    [MemberData(nameof(Translations))]
    public void EveryWordHasATranslationWithTheSamePlaceholders(string set, string language)
    {
        var words = set switch
        {
            "console" => ConsoleWords,
            "kiosk" => KioskPage.Words,
            "app" => Sos.Silo.CitizenApp.CitizenAppPage.Words,
            _ => Sos.Silo.DeviceApi.DeviceApiProblems.Words,
        };
        var english = Read(words, CultureInfo.InvariantCulture);
        var translated = Read(words, CultureInfo.GetCultureInfo(language));

        Assert.NotEmpty(english);

        // Resource names are looked up without regard to case: two names differing only in case would shadow one another.
        Assert.Equal(english.Count, english.Keys.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Empty(english.Keys.Except(translated.Keys).Order(StringComparer.Ordinal));
        Assert.Empty(translated.Keys.Except(english.Keys).Order(StringComparer.Ordinal));
        foreach (var (key, value) in translated)
        {
            Assert.False(string.IsNullOrWhiteSpace(value), $"{key} is empty in {language}");
            Assert.True(Placeholders(english[key]).SequenceEqual(Placeholders(value)), $"{key} in {language} has placeholders {string.Join(' ', Placeholders(value))}, English {string.Join(' ', Placeholders(english[key]))}");
            Assert.False(value == english[key] && LatinWord().IsMatch(value.Replace("Sos", string.Empty, StringComparison.Ordinal)), $"{key} is not translated into {language}: {value}");
        }
    }

    [Fact]
    public void EveryValueTheConsoleLabelsHasAWord()
    {
        var english = Read(ConsoleWords, CultureInfo.InvariantCulture);
        var keys = Words.Labelled.SelectMany(type => Enum.GetNames(type).Select(name => $"{type.Name}.{name}"))
            .Concat(Enum.GetNames<KioskLifecycle>().Select(name => $"KioskLifecycle.{name}.Consequence"))
            .Concat(IncidentCategories.All.Select(code => $"Category.{code}"))
            .Concat(AuditActions.All.Select(action => $"AuditAction.{action}"));

        var missing = keys.Where(key => !english.ContainsKey(key)).ToList();
        Assert.True(missing.Count == 0, "No word for " + string.Join(", ", missing));
    }

    private static Dictionary<string, string> Read(ResourceManager words, CultureInfo culture) =>
        words.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);

    private static List<string> Placeholders(string value) =>
        [.. Placeholder().Matches(value).Select(m => m.Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("[A-Za-z]{4,}")]
    private static partial Regex LatinWord();
}
