using System.CommandLine;
using Sos.Bench;
using Sos.Bench.Streams;

var json = new Option<bool>("--json") { Description = "Print one JSON object with every figure instead of a table." };
var postgres = new Option<string?>("--postgres") { Description = "A PostgreSQL server connection string; default: start the local one with scripts/postgres.sh." };

var quick = new Command("quick", "The quick suite (about 3 minutes on 2 cores).");
var full = new Command("full", "The full suite: longer runs, higher rates.");
foreach (var command in new[] { quick, full })
{
    command.Options.Add(json);
    command.Options.Add(postgres);
}

var calls = new Option<string>("--calls") { Description = "Media: the numbers of simultaneous calls to measure, comma-separated.", DefaultValueFactory = _ => "1,5,10" };
var seconds = new Option<int>("--seconds") { Description = "Media: how long each round holds its calls.", DefaultValueFactory = _ => 15 };
var media = new Command("media", "The media benchmark: simultaneous calls between browser kiosks and consoles through Janus, in a private network namespace (needs root).");
media.Options.Add(calls);
media.Options.Add(seconds);
media.SetAction((result, cancellation) => MediaBench.RunAsync([.. result.GetValue(calls)!.Split(',').Select(int.Parse)], result.GetValue(seconds), Console.Error));

var rates = new Option<string>("--rates") { Description = "Streams: the offered rates (events a second), comma-separated.", DefaultValueFactory = _ => "100,400" };
var runSeconds = new Option<int>("--seconds") { Description = "Streams: how long each rate is offered.", DefaultValueFactory = _ => 10 };
var streams = new Command("streams", "The stream-provider benchmark: memory streams against ADO.NET streams on PostgreSQL, publish → consumer latency at fixed rates (about 2 minutes).");
streams.Options.Add(rates);
streams.Options.Add(runSeconds);
streams.Options.Add(json);
streams.Options.Add(postgres);
streams.SetAction(async (result, cancellation) =>
{
    var asJson = result.GetValue(json);
    var report = await StreamBench.RunAsync(
        [.. result.GetValue(rates)!.Split(',').Select(r => double.Parse(r, System.Globalization.CultureInfo.InvariantCulture))],
        TimeSpan.FromSeconds(result.GetValue(runSeconds)),
        result.GetValue(postgres),
        asJson ? Console.Error : Console.Out);
    Console.WriteLine(asJson ? report.ToJson() : report.ToTable());
    return 0;
});

quick.SetAction((result, cancellation) => RunAsync(BenchProfile.Quick, result.GetValue(json), result.GetValue(postgres)));
full.SetAction((result, cancellation) => RunAsync(BenchProfile.Full, result.GetValue(json), result.GetValue(postgres)));

var root = new RootCommand("Sos benchmarks: press → ring latency, durable press rate against the database's limit, heartbeats, media, stream providers.")
{
    quick,
    full,
    media,
    streams,
};
return await root.Parse(args).InvokeAsync();

static async Task<int> RunAsync(BenchProfile profile, bool asJson, string? postgresServer)
{
    var report = await BenchSuite.RunAsync(profile, postgresServer, asJson ? Console.Error : Console.Out);
    Console.WriteLine(asJson ? report.ToJson() : report.ToTable());
    return 0;
}
