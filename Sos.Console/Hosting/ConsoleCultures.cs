using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Sos.Grains.Abstractions;
using Sos.Silo;

namespace Sos.Console.Hosting;

/// <summary>
/// Which language a request is answered in: the user's choice (the <c>sos.language</c> cookie, set from their account
/// at sign-in and by the header's language switch), else the browser's <c>Accept-Language</c>, else
/// <c>Sos:Console:DefaultCulture</c>. A Blazor circuit keeps the language of the request that opened it.
/// </summary>
public static class ConsoleCultures
{
    /// <summary>The cookie that holds the chosen language.</summary>
    public const string CookieName = "sos.language";

    /// <summary>The culture of a language code (formats dates and numbers as that language's readers expect).</summary>
    public static CultureInfo Of(string language) => CultureInfo.GetCultureInfo(language);

    /// <summary>The configured default language, checked: Sos refuses to start with one it does not speak.</summary>
    public static string DefaultFrom(IConfiguration configuration)
    {
        var configured = configuration.GetSection(ConsoleOptions.Section).Get<ConsoleOptions>()?.DefaultCulture;
        if (string.IsNullOrWhiteSpace(configured))
        {
            return Languages.Russian;
        }

        var language = configured.Trim();
        return Languages.IsSupported(language)
            ? language
            : throw new SosConfigurationException($"{ConsoleOptions.Section}:DefaultCulture is '{configured}': it must be one of {string.Join(", ", Languages.All)}.");
    }

    /// <summary>Request localisation in the order above.</summary>
    public static IServiceCollection AddConsoleCultures(this IServiceCollection services, IConfiguration configuration)
    {
        var fallback = DefaultFrom(configuration);
        services.AddLocalization(options => options.ResourcesPath = "Resources");

        // Pages in Cyrillic are written as Cyrillic, not as a character reference per letter.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Languages.All.Select(Of).ToList();
            options.DefaultRequestCulture = new RequestCulture(fallback);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders =
            [
                new CookieRequestCultureProvider { CookieName = CookieName },
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    /// <summary>Keeps <paramref name="language"/> as the browser's choice for a year.</summary>
    public static void Remember(HttpContext http, string language) =>
        http.Response.Cookies.Append(
            CookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
            new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                HttpOnly = true,
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                Secure = http.Request.IsHttps,
            });
}
