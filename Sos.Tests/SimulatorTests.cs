using Sos.Grains.Abstractions;
using Sos.Simulator;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

[Collection(SocketCollection.Name)]
public sealed class SimulatorTests(SocketFixture fixture)
{
    [Fact]
    public async Task SimulatorSummaryAgreesWithTheGrainsAfterAShortRun()
    {
        var cancel = TestContext.Current.CancellationToken;
        var options = new SimulationOptions
        {
            Url = fixture.BaseAddress,
            Duration = TimeSpan.FromSeconds(4),
            Rate = 6,
            Kiosks = 8,
            Operators = 2,
            Seed = 7,
            Prefix = $"sim-{Guid.NewGuid():N}",
            CentreId = $"centre-{Guid.NewGuid():N}",
            AcceptDelay = TimeSpan.FromMilliseconds(200),
            TalkTime = TimeSpan.FromMilliseconds(300),
            MissRate = 0.1,
            CancelRate = 0.2,
            RetryRate = 0.3,
            HeartbeatInterval = TimeSpan.FromSeconds(1),
            Drain = TimeSpan.FromSeconds(30),
        };
        using var http = new HttpClient { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(15) };

        var summary = await new Simulation(options, fixture.Client, http, TextWriter.Null, interactive: false).RunAsync(cancel);

        Assert.True(summary.PressesSent > 10, summary.ToTable());
        Assert.Equal(0, summary.AcknowledgedNeverAnswered);
        Assert.Equal(0, summary.DuplicateCalls);
        Assert.Equal(0, summary.PressesFailed);
        Assert.Equal(summary.PressesSent, summary.PressesAcknowledged);
        Assert.True(summary.PressesRetried > 0, "the run retried some presses with the same press id");
        Assert.Equal(0, summary.HeartbeatsFailed);

        var kiosks = await Task.WhenAll(options.KioskIds.Select(id => fixture.Client.GetKiosk(id).GetAsync()));
        Assert.Equal(summary.PressesAcknowledged, kiosks.Sum(k => k.PressCount));
        Assert.Equal(summary.CallsCreated, kiosks.Sum(k => k.CallCount));
        Assert.All(kiosks, k => Assert.Equal(KioskConnectivity.Online, k.Connectivity));

        var calls = await Task.WhenAll(summary.CallIds.Select(id => fixture.Client.GetCall(id).GetAsync()));
        Assert.Equal(summary.CallsCreated, calls.Length);
        Assert.All(calls, c => Assert.StartsWith(options.Prefix, c.KioskId, StringComparison.Ordinal));
        Assert.Equal(summary.CallsAnswered, calls.Count(c => c.ConnectedAt is not null));
        Assert.Equal(summary.CallsAbandoned, calls.Count(c => c.Status == CallStatus.Abandoned));
        Assert.All(calls, c => Assert.True(c.ConnectedAt is not null || c.Status == CallStatus.Abandoned, $"call {c.CallId} is {c.Status}"));
        Assert.Equal(summary.CallsAnswered, summary.PressToAnswer.Count);
        Assert.True(summary.PressToRing.Count >= summary.CallsAnswered);

        var bots = await Task.WhenAll(options.BotLogins.Select(login => fixture.Client.GetOperator(login).GetAsync()));
        Assert.Equal(summary.CallsAnswered, bots.Sum(b => b.Answered));
        Assert.All(bots, b => Assert.Equal(OperatorPresence.Offline, b.Presence));
    }
}
