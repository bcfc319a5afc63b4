using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using MudBlazor.Services;
using Orleans.Dashboard;
using Sos.Console.Components;
using Sos.Console.Services;
using Sos.Grains.Routing;
using Sos.Silo;
using Sos.Silo.DeviceApi;

namespace Sos.Console.Hosting;

/// <summary>How the console is put together: the one place that wires Orleans, sign-in, services and pages.</summary>
public static class SosConsoleHostingExtensions
{
    /// <summary>
    /// In Embedded (default) and Memory mode the console hosts the silo in its own process, configured by the same
    /// <c>UseSosClustering().AddSos()</c> as every silo; in Cluster mode it is an Orleans client of the PostgreSQL
    /// cluster. Then cookie sign-in, the console's services and the Blazor pages.
    /// </summary>
    public static WebApplicationBuilder AddSosConsole(this WebApplicationBuilder builder)
    {
        builder.Configuration.AddSosLoggingDefaults();
        var services = builder.Services;
        var host = SosHostOptions.From(builder.Configuration);
        services.AddSingleton<ClusterConnectionMonitor>();
        if (host.Mode == SosMode.Cluster)
        {
            builder.UseOrleansClient(client =>
            {
                client.UseSosClient();
                if (SosSiloBuilderExtensions.DashboardEnabled(builder.Configuration))
                {
                    client.AddDashboard();
                }
            });
            services.AddOptions<Grains.Media.MediaOptions>().Bind(builder.Configuration.GetSection(Grains.Abstractions.SosConstants.MediaSection));
            services.AddSingleton<IClusterConnectionStatusObserver>(sp => sp.GetRequiredService<ClusterConnectionMonitor>());
        }
        else
        {
            // The single process is the whole of Sos: silo, console and the kiosks' device API.
            builder.UseOrleans(silo => silo.UseSosClustering().AddSos());
            services.AddSosDeviceApi();
        }

        // Registered after Orleans, so it starts once the silo (or the client) is up.
        services.AddHostedService<SosSeeding>();

        services.AddOptions<ConsoleOptions>().Bind(builder.Configuration.GetSection(ConsoleOptions.Section));
        services.AddOptions<RoutingOptions>().Bind(builder.Configuration.GetSection(Grains.Abstractions.SosConstants.RoutingSection));
        services.AddOptions<Grains.Units.UnitOptions>().Bind(builder.Configuration.GetSection(Grains.Abstractions.SosConstants.UnitsSection));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<LiveFeed>();
        services.AddSingleton<DispatchService>();
        services.AddSingleton<IncidentService>();
        services.AddSingleton<CitizenReportService>();
        services.AddSosMap(builder.Configuration);
        IncidentExchange.Validate(builder.Configuration);
        services.AddSingleton<WallService>();
        services.AddSingleton<HistoryService>();
        services.AddSingleton<KioskAdminService>();
        services.AddSingleton<CentreAdminService>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<AuditService>();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, AccountRevalidation>();
        services.AddSingleton<MediaService>();
        services.AddScoped<CallMedia>();
        services.AddScoped<QueueWatch>();
        services.AddSingleton<ClusterService>();
        services.AddScoped<CircuitConnection>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitConnection>());
        services.AddScoped<CentreTime>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CentreTime>());
        services.AddScoped<ConsolePresence>();

        // Sign-in cookies are protected with keys kept beside the embedded database, so they outlive a restart; in
        // Cluster mode in the directory Sos:Console:DataProtectionKeys names (shared by every console behind one
        // address), or only in memory (a restart signs everybody out).
        var keys = services.AddDataProtection().SetApplicationName("Sos.Console");
        var keyDirectory = builder.Configuration.GetSection(ConsoleOptions.Section).Get<ConsoleOptions>()?.DataProtectionKeys is { Length: > 0 } configured
            ? configured
            : host.Mode == SosMode.Embedded ? Path.Combine(Path.GetFullPath(host.DataDirectory), "keys") : null;
        if (keyDirectory is not null)
        {
            keys.PersistKeysToFileSystem(new DirectoryInfo(keyDirectory));
        }

        services.AddSosHttpSecurity(builder.Configuration);
        services.AddConsoleCultures(builder.Configuration);
        var secureCookies = SosHttpSecurity.Options(builder.Configuration).RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.AddAntiforgery(antiforgery => antiforgery.Cookie.SecurePolicy = secureCookies);

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddCascadingAuthenticationState();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.LoginPath = "/login";
            cookie.AccessDeniedPath = "/denied";
            cookie.Cookie.Name = "sos.console";
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SecurePolicy = secureCookies;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(14);
            cookie.SlidingExpiration = true;
            cookie.Events.OnValidatePrincipal = AccountEndpoints.ValidatePrincipalAsync;
        });
        services.AddSosHealthChecks();
        services.AddSosTelemetry(builder.Configuration);
        services.AddSignInRateLimit(builder.Configuration);
        // Every console page needs sign-in. The device API (its own kiosk secrets), its OpenAPI document and the health
        // endpoints do not: the framework's own answers there (415 for a wrong content type, 404 for no endpoint) are
        // the device API's problem+json, never a redirect to the console's sign-in page.
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder()
                .RequireAssertion(context => context.User.Identity?.IsAuthenticated == true || (context.Resource is HttpContext http && IsOutsideTheConsole(http.Request.Path)))
                .Build());
        return builder;
    }

    /// <summary>Where administrators find the Orleans dashboard.</summary>
    public const string DashboardPath = "/admin/orleans";

    /// <summary>Paths that are not the console's pages: the device API, its OpenAPI document, health, metrics.</summary>
    private static bool IsOutsideTheConsole(PathString path) => SosHttpSecurity.IsDeviceApi(path) || SosHttpSecurity.IsAnyPort(path);

    /// <summary>The middleware and endpoints: static assets, sign-in and sign-out, CSV export, the pages.</summary>
    public static WebApplication MapSosConsole(this WebApplication app)
    {
        app.UseSosHttpSecurity();
        app.UseRequestLocalization();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        // A browser asking for an address with no page gets a page that says so (not an empty 404); the device API's
        // own paths keep their problem+json answers.
        app.UseWhen(
            context => !IsOutsideTheConsole(context.Request.Path),
            branch => branch.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true));

        app.UseSosMapLibrary();

        // Routing after the status pages, so that a re-executed request finds the status page's endpoint.
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapSosHealth();
        app.MapSosTelemetry(app.Configuration);
        app.MapAccountEndpoints();
        app.MapHistoryExport();
        app.MapAuditExport();
        app.MapEvidence();
        app.MapSosMapTiles();
        app.MapIncidentExchange();
        if (SosSiloBuilderExtensions.DashboardEnabled(app.Configuration))
        {
            app.MapOrleansDashboard(DashboardPath).RequireAuthorization(policy => policy.RequireRole(SosRoles.Admin));
        }

        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        if (SosHostOptions.From(app.Configuration).Mode != SosMode.Cluster)
        {
            app.MapSosDeviceApi();
        }

        return app;
    }
}
