namespace Sos.Bench.Streams;

/// <summary>One event of the stream-provider benchmark.</summary>
/// <param name="Provider">The stream provider it was published on.</param>
/// <param name="Phase">The run it belongs to (0 is warm-up, never recorded).</param>
/// <param name="Sequence">Its number within the run, for counting deliveries and duplicates.</param>
/// <param name="PublishedAt">The <see cref="System.Diagnostics.Stopwatch"/> timestamp just before it was published.</param>
[GenerateSerializer, Immutable]
public sealed record StreamBenchEvent(
    [property: Id(0)] string Provider,
    [property: Id(1)] int Phase,
    [property: Id(2)] long Sequence,
    [property: Id(3)] long PublishedAt);
