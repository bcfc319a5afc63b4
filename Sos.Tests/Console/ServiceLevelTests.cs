using Sos.Console.Services;
using Sos.Grains.Abstractions;

namespace Sos.Tests.Console;

public sealed class ServiceLevelTests
{
    [Theory]
    [InlineData(0, ServiceLevel.Within10)]
    [InlineData(9.9, ServiceLevel.Within10)]
    [InlineData(10, ServiceLevel.Within15)]
    [InlineData(14.9, ServiceLevel.Within15)]
    [InlineData(15, ServiceLevel.Within20)]
    [InlineData(19.9, ServiceLevel.Within20)]
    [InlineData(20, ServiceLevel.Breached)]
    [InlineData(600, ServiceLevel.Breached)]
    public void WaitingTimesAreColouredByTheTenFifteenTwentySecondTargets(double seconds, ServiceLevel expected) =>
        Assert.Equal(expected, ServiceLevels.For(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void DayFiguresCountAnsweredWithinTargetsAbandonsAndTheLongestWait()
    {
        var now = Calls.Opened.AddMinutes(10);
        CallLogEntry Answered(double seconds) => CallLogEntry.From(Calls.Connected() with
        {
            Status = CallStatus.Closed,
            ConnectedAt = Calls.Opened.AddSeconds(seconds),
        });
        var abandoned = CallLogEntry.From(Calls.Ringing() with
        {
            Status = CallStatus.Abandoned,
            RingingOperators = [],
            EndedAt = Calls.Opened.AddSeconds(25),
            NeedsCallback = true,
        });
        var waiting = Calls.Ringing() with { OpenedAt = now.AddSeconds(-30) };

        var figures = DayFigures.Compute([Answered(5), Answered(12), Answered(18), abandoned], [waiting], now);

        Assert.Equal(5, figures.Calls);
        Assert.Equal(3, figures.Answered);
        Assert.Equal(1, figures.Abandoned);
        Assert.Equal(0.25, figures.Within10);
        Assert.Equal(0.5, figures.Within15);
        Assert.Equal(0.75, figures.Within20);
        Assert.Equal(0.25, figures.AbandonRate);
        Assert.Equal(TimeSpan.FromSeconds(30), figures.LongestWait);
    }

    [Fact]
    public void QuietDayHasNoSharesRatherThanZeroes()
    {
        var figures = DayFigures.Compute([], [], Calls.Opened);

        Assert.Equal(0, figures.Calls);
        Assert.Null(figures.Within10);
        Assert.Null(figures.AbandonRate);
        Assert.Equal(TimeSpan.Zero, figures.LongestWait);
    }
}
