using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sos.Grains.Abstractions;
using Sos.Silo;
using Sos.Silo.Demo;
using Sos.Silo.DeviceApi;
using Sos.Silo.Storage;

return await SosConfigurationException.RunAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.Configuration.AddSosLoggingDefaults();

    if (args is ["migrate", ..])
    {
        // For a DBA who keeps schema changes out of the silos' hands (Sos:Database:ApplyMigrations=false).
        using var loggers = LoggerFactory.Create(logging => logging.AddConsole());
        var logger = loggers.CreateLogger("Sos.Migrate");
        var host = SosHostOptions.From(builder.Configuration);
        if (host.Database() is not { } database)
        {
            logger.LogError("Sos:Mode {Mode} has no database to migrate", host.Mode);
            return SosConfigurationException.ExitCode;
        }

        var applied = await SchemaMigrator.ApplyAsync(database.Dialect, database.ConnectionString, logger, CancellationToken.None);
        Console.WriteLine($"Schema of {database.Dialect} is at version {SchemaMigrator.LatestVersion(database.Dialect)} ({applied} migrations applied).");
        return 0;
    }

    if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]) && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
    {
        var gatewayPort = builder.Configuration.GetSection(SosConstants.SiloSection).Get<SosSiloEndpointOptions>()?.GatewayPort ?? new SosSiloEndpointOptions().GatewayPort;
        builder.WebHost.UseUrls(SosHttp.DefaultUrlFor(gatewayPort));
    }

    builder.UseOrleans(silo => silo.UseSosClustering().AddSos());
    builder.Services.AddSosDeviceApi();
    builder.Services.AddSosHealthChecks();
    builder.Services.AddSosTelemetry(builder.Configuration);
    builder.Services.AddSosHttpSecurity(builder.Configuration);

    var app = builder.Build();
    app.UseSosHttpSecurity();
    app.UseRateLimiter();
    app.MapSosDeviceApi();
    app.MapSosHealth();
    app.MapSosTelemetry(app.Configuration);
    await app.StartAsync();

    if (SosHostOptions.From(app.Configuration).Mode == SosMode.Embedded && DemoPolicy.Enabled(app.Configuration))
    {
        await DemoKiosks.SeedAsync(app.Services.GetRequiredService<IGrainFactory>(), app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoKiosks)));
    }

    await app.WaitForShutdownAsync();
    return 0;
});
