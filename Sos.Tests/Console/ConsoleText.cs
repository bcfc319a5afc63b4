using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Sos.Tests.Console;

/// <summary>The console's real resources, read as the console reads them.</summary>
public static class ConsoleText
{
    private static readonly ResourceManagerStringLocalizerFactory Factory =
        new(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);

    /// <summary>The console's resources themselves, to read a given language's words.</summary>
    public static System.Resources.ResourceManager Words { get; } = new("Sos.Console.Resources.Text", typeof(Sos.Console.Text).Assembly);

    /// <summary>The console's words in the thread's UI culture (English in tests that set none).</summary>
    public static IStringLocalizer<Sos.Console.Text> English { get; } = new StringLocalizer<Sos.Console.Text>(Factory);
}
