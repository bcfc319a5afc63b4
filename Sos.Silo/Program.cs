using Microsoft.Extensions.Hosting;
using Sos.Silo;

var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo => silo.UseSosClustering().AddSos());
await builder.Build().RunAsync();
