using System.Collections.Concurrent;
using System.Diagnostics;

namespace Sos.Bench.Streams;

/// <summary>
/// Counts the commands Npgsql runs for one named data source, and the rows they returned, by the text they ran, from
/// Npgsql's own tracing (an <see cref="ActivityListener"/> on the "Npgsql" source): what a stream provider costs the
/// database.
/// </summary>
public sealed class DbCommandCounter : IDisposable
{
    private readonly ConcurrentDictionary<string, (long Commands, long Rows)> counts = new(StringComparer.Ordinal);
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
                    var rows = activity.GetTagItem("db.npgsql.rows") is { } value ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
                    counts.AddOrUpdate(text, (1, rows), (_, n) => (n.Commands + 1, n.Rows + rows));
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
    }

    /// <summary>Commands so far and the rows they returned, by command text.</summary>
    public IReadOnlyDictionary<string, (long Commands, long Rows)> Snapshot() => new Dictionary<string, (long Commands, long Rows)>(counts);

    /// <inheritdoc />
    public void Dispose() => listener.Dispose();
}
