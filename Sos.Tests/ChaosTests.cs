using Sos.Simulator.Chaos;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

/// <summary>
/// The chaos run of <c>Sos.Simulator chaos</c>, short: PostgreSQL, three real silo processes, 100 kiosks pressing 20
/// times a second over every silo's device API, 40 operator bots, and two silos killed with SIGKILL (one without the
/// centre's routing, then the one holding it). Failover times are printed, not asserted: speed is measured by the
/// full run (docs/benchmarks.md), not by the suite.
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed class ChaosTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ChaosRunWithASiloKilledLosesNoCallAndDuplicatesNone()
    {
        var options = new ChaosOptions
        {
            PostgresServer = TestPostgres.ServerConnectionString,
            Duration = TimeSpan.FromSeconds(40),
            Kills = 2,
            Seed = 7,
        };

        var summary = await new ChaosRun(options, new TestOutputWriter(output)).RunAsync(TestContext.Current.CancellationToken);

        output.WriteLine(summary.ToTable());
        Assert.Equal(2, summary.Kills);
        Assert.True(summary.Acknowledged > 500, $"only {summary.Acknowledged} presses were acknowledged");
        Assert.Equal(0, summary.Lost);
        Assert.Equal(0, summary.Duplicates);
    }
}
