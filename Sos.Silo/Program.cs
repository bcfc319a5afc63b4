using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sos.Silo;
using Sos.Silo.Storage;

var builder = Host.CreateApplicationBuilder(args);

if (args is ["migrate", ..])
{
    // For a DBA who keeps schema changes out of the silos' hands (Sos:Database:ApplyMigrations=false).
    using var services = builder.Services.BuildServiceProvider();
    var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Sos.Migrate");
    var host = SosHostOptions.From(builder.Configuration);
    if (host.Database() is not { } database)
    {
        logger.LogError("Sos:Mode {Mode} has no database to migrate", host.Mode);
        return 2;
    }

    var applied = await SchemaMigrator.ApplyAsync(database.Dialect, database.ConnectionString, logger, CancellationToken.None);
    Console.WriteLine($"Schema of {database.Dialect} is at version {SchemaMigrator.LatestVersion(database.Dialect)} ({applied} migrations applied).");
    return 0;
}

builder.UseOrleans(silo => silo.UseSosClustering().AddSos());
await builder.Build().RunAsync();
return 0;
