using Sos.Console.Hosting;
using Sos.Silo;

return await SosConfigurationException.RunAsync(async () =>
{
    // Content (appsettings.json, wwwroot) is read beside the binaries, whatever folder the console is started from.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.AddSosConsole();

    var app = builder.Build();
    app.MapSosConsole();
    await app.RunAsync();
    return 0;
});
