namespace Sos.Console;

/// <summary>
/// The console's words: every text a user reads, in <c>Resources/Text.resx</c> (English) and its Russian and Kazakh
/// translations beside it, read through <c>IStringLocalizer&lt;Text&gt;</c> in the request's (or circuit's) language.
/// </summary>
public sealed class Text;
