using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Resources;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Sos.Grains.Abstractions;

namespace Sos.Silo;

/// <summary>
/// A plain HTML page the silo serves from its own resources (the browser kiosk, the citizen app): its template, its
/// assets and its words in Russian, Kazakh and English. A template's <c>{{t:Key}}</c> is the word in the page's
/// language; the page's script gets every word in every language (<see cref="WordsJson"/>) for its language buttons.
/// </summary>
/// <param name="prefix">The resources' name prefix, e.g. <c>Sos.Silo.Kiosk</c>.</param>
/// <param name="words">The page's words (English, with the <c>ru</c> and <c>kk</c> satellite resources).</param>
public sealed partial class EmbeddedPage(string prefix, ResourceManager words)
{
    private static readonly Assembly Assembly = typeof(EmbeddedPage).Assembly;

    /// <summary>The page's words, by key, in each language.</summary>
    public ResourceManager Words { get; } = words;

    /// <summary>The word of <paramref name="key"/> in <paramref name="language"/> (the key itself when there is none).</summary>
    public string Word(string key, string language) =>
        Words.GetString(key, CultureInfo.GetCultureInfo(language)) ?? key;

    /// <summary>The template <paramref name="name"/> with its words in <paramref name="language"/>, HTML-encoded.</summary>
    public string Render(string name, string language) =>
        Placeholder().Replace(Read(name), match => WebUtility.HtmlEncode(Word(match.Groups["key"].Value, language)))
            .Replace("{{lang}}", language, StringComparison.Ordinal)
            .Replace("{{words}}", WordsJson(), StringComparison.Ordinal);

    /// <summary>Every word in every language, as the page's script reads them (safe inside a script element).</summary>
    public string WordsJson()
    {
        var keys = Words.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!
            .Cast<DictionaryEntry>().Select(entry => (string)entry.Key).Order(StringComparer.Ordinal).ToList();
        var all = Languages.All.ToDictionary(language => language, language => keys.ToDictionary(key => key, key => Word(key, language)));
        return JsonSerializer.Serialize(all, new JsonSerializerOptions { Encoder = JavaScriptEncoder.Default });
    }

    /// <summary>One of the page's assets as it is.</summary>
    public IResult Asset(string name, string contentType) => Results.Content(Read(name), contentType);

    /// <summary>A script more than one page loads (<c>PageScripts/</c>: the WebRTC steps the kiosk and the app share), served under each page's assets.</summary>
    public static IResult SharedScript(string name) => Results.Content(ReadResource($"Sos.Silo.PageScripts.{name}"), "text/javascript; charset=utf-8");

    /// <summary>The text of the page's resource <paramref name="name"/>.</summary>
    public string Read(string name) => ReadResource($"{prefix}.{name}");

    private static string ReadResource(string resource)
    {
        using var stream = Assembly.GetManifestResourceStream(resource) ?? throw new FileNotFoundException(resource);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"\{\{t:(?<key>[A-Za-z.\-]+)\}\}")]
    private static partial Regex Placeholder();
}
