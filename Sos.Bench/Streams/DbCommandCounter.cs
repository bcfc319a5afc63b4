using System.Collections.Concurrent;
using System.Diagnostics;

namespace Sos.Bench.Streams;

/// <summary>
/// Counts the commands Npgsql runs for one named data source, by the text they ran, from Npgsql's own tracing (an
/// <see cref="ActivityListener"/> on the "Npgsql" source): what a stream provider costs the database in round trips.
/// </summary>
public sealed class DbCommandCounter : IDisposable
{
    private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);
    private readonly ActivityListener listener;

    /// <summary>Starts counting the commands of the data source named <paramref name="dataSourceName"/>.</summary>
    public DbCommandCounter(string dataSourceName)
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("db.npgsql.data_source") as string == dataSourceName && activity.GetTagItem("db.query.text") is string text)
                {
                    counts.AddOrUpdate(text, 1, (_, n) => n + 1);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
    }

    /// <summary>Commands so far, by command text.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(counts);

    /// <inheritdoc />
    public void Dispose() => listener.Dispose();
}
