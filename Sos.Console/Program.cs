using Sos.Console.Hosting;

// Content (appsettings.json, wwwroot) is read beside the binaries, whatever folder the console is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddSosConsole();

var app = builder.Build();
app.MapSosConsole();
app.Run();
