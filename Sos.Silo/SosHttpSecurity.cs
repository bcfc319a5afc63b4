using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sos.Silo.DeviceApi;

namespace Sos.Silo;

/// <summary>
/// How a Sos host (the console, a silo serving the device API) meets the network, from <c>Sos:Http</c>: HTTPS only,
/// with HSTS; the client's address and scheme taken from a trusted reverse proxy; the device API on a port of its own.
/// Kestrel's own certificates and endpoints are configured under <c>Kestrel:Endpoints</c> (README, "Production").
/// </summary>
public static class SosHttpSecurity
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Sos:Http";

    /// <summary>Reads <c>Sos:Http</c>; a value Sos cannot use ends the start with one line.</summary>
    public static SosHttpOptions Options(IConfiguration configuration)
    {
        SosHttpOptions options;
        try
        {
            options = configuration.GetSection(Section).Get<SosHttpOptions>() ?? new SosHttpOptions();
        }
        catch (InvalidOperationException wrong)
        {
            throw new SosConfigurationException($"a setting under {Section} has a value Sos cannot use ({wrong.Message}).");
        }

        foreach (var proxy in options.TrustedProxies)
        {
            if (!IPAddress.TryParse(proxy, out _))
            {
                throw new SosConfigurationException($"{Section}:TrustedProxies holds '{proxy}', which is not an IP address.");
            }
        }

        if (options.DeviceApiPort is { } port && port is < 1 or > 65535)
        {
            throw new SosConfigurationException($"{Section}:DeviceApiPort is {port}, not a port.");
        }

        return options;
    }

    /// <summary>Registers what <see cref="UseSosHttpSecurity"/> uses.</summary>
    public static IServiceCollection AddSosHttpSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var options = Options(configuration);
        services.AddSingleton(options);
        services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in options.TrustedProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        services.Configure<HstsOptions>(hsts =>
        {
            hsts.MaxAge = options.HstsMaxAge;
            hsts.IncludeSubDomains = false;

            // An installation that asked for HTTPS gets HSTS on every host name it is reached by.
            hsts.ExcludedHosts.Clear();
        });
        services.Configure<HttpsRedirectionOptions>(redirect =>
        {
            redirect.RedirectStatusCode = StatusCodes.Status308PermanentRedirect;
            redirect.HttpsPort = options.HttpsPort;
        });
        return services;
    }

    /// <summary>
    /// The first middleware of a host: the proxy's forwarded address and scheme (only from <c>TrustedProxies</c>); the
    /// device API kept to its own port when it has one; and with <c>RequireHttps</c>, HSTS, pages redirected to HTTPS
    /// and the device API refusing plain HTTP with problem+json (a kiosk's POST is never redirected).
    /// </summary>
    public static WebApplication UseSosHttpSecurity(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<SosHttpOptions>();
        if (options.TrustedProxies.Length > 0)
        {
            app.UseForwardedHeaders();
        }

        if (options.DeviceApiPort is { } devicePort)
        {
            app.Use(async (context, next) =>
            {
                var onDevicePort = context.Connection.LocalPort == devicePort;
                if (onDevicePort != IsDeviceApi(context.Request.Path) && !IsAnyPort(context.Request.Path))
                {
                    await DeviceApiProblems.Problem(StatusCodes.Status404NotFound, "wrong-port",
                        onDevicePort ? "This port serves the device API only." : $"The device API is served on port {devicePort}.").ExecuteAsync(context);
                    return;
                }

                await next(context);
            });
        }

        if (options.RequireHttps)
        {
            app.UseHsts();
            app.Use(async (context, next) =>
            {
                if (!context.Request.IsHttps && IsDeviceApi(context.Request.Path))
                {
                    await DeviceApiProblems.Problem(StatusCodes.Status403Forbidden, "https-required", "The device API is served over HTTPS only.").ExecuteAsync(context);
                    return;
                }

                await next(context);
            });
            app.UseWhen(context => !IsDeviceApi(context.Request.Path) && !IsAnyPort(context.Request.Path), branch => branch.UseHttpsRedirection());
        }

        return app;
    }

    /// <summary>Paths of the device API and its OpenAPI document.</summary>
    public static bool IsDeviceApi(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi");

    /// <summary>Paths every port and scheme answers: health probes and metrics, for the operations centre's monitoring.</summary>
    public static bool IsAnyPort(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments(SosTelemetry.MetricsPath);
}

/// <summary>The settings under <c>Sos:Http</c>.</summary>
public sealed class SosHttpOptions
{
    /// <summary>Pages only over HTTPS (plain HTTP redirected), HSTS, cookies always <c>Secure</c>, the device API refusing plain HTTP (<c>Sos:Http:RequireHttps</c>).</summary>
    public bool RequireHttps { get; set; }

    /// <summary>The HTTPS port plain-HTTP pages are redirected to, when Kestrel has more than one (<c>Sos:Http:HttpsPort</c>).</summary>
    public int? HttpsPort { get; set; }

    /// <summary>How long browsers keep to HTTPS once told (<c>Sos:Http:HstsMaxAge</c>, default 365 days).</summary>
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed (<c>Sos:Http:TrustedProxies</c>, IP addresses).</summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>The local port the device API is served on, apart from the console's pages (<c>Sos:Http:DeviceApiPort</c>; none: every port).</summary>
    public int? DeviceApiPort { get; set; }
}
