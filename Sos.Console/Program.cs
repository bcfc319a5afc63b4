using Sos.Console.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddSosConsole();

var app = builder.Build();
app.MapSosConsole();
app.Run();
