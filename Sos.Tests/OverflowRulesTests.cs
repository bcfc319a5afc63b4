using Sos.Grains.Abstractions;
using Sos.Grains.Routing;

namespace Sos.Tests;

/// <summary>When a call overflows to partner centres, and which partners take it: the rules alone, with no cluster.</summary>
public sealed class OverflowRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 22, 0, 0, TimeSpan.Zero);
    private static readonly WaitingCall Waiting = new(Guid.NewGuid(), "kiosk", CallPriority.Normal, Now.AddSeconds(-5), [], 0, [], false);

    [Fact]
    public void CallWithoutPartnersNeverOverflows()
    {
        var rules = CentreOverflow.None with { WhenNobodyAvailable = true, State = QueueStateKind.Inactive };

        Assert.False(OverflowRules.ShouldOverflow(Waiting, Now, rules, QueueStateKind.Inactive, freeOperators: 0));
    }

    [Fact]
    public void CallOverflowsWhileNobodyIsFreeWhenThatIsARule()
    {
        var rules = new CentreOverflow(["night"], null, true, 0, QueueStateKind.Active);

        Assert.True(OverflowRules.ShouldOverflow(Waiting, Now, rules, QueueStateKind.Active, freeOperators: 0));
        Assert.False(OverflowRules.ShouldOverflow(Waiting, Now, rules, QueueStateKind.Active, freeOperators: 1));
        Assert.False(OverflowRules.ShouldOverflow(Waiting, Now, rules with { WhenNobodyAvailable = false }, QueueStateKind.Active, freeOperators: 0));
    }

    [Fact]
    public void CallOverflowsOnceItWaitedLongerThanTheRule()
    {
        var rules = new CentreOverflow(["night"], TimeSpan.FromSeconds(20), false, 0, QueueStateKind.Active);

        Assert.False(OverflowRules.ShouldOverflow(Waiting, Now, rules, QueueStateKind.Active, freeOperators: 3));
        Assert.True(OverflowRules.ShouldOverflow(Waiting, Now.AddSeconds(15), rules, QueueStateKind.Active, freeOperators: 3));
    }

    [Fact]
    public void EveryWaitingCallOverflowsWhileTheCentreIsNotActive()
    {
        var rules = new CentreOverflow(["night"], null, false, 0, QueueStateKind.Inactive);

        Assert.True(OverflowRules.ShouldOverflow(Waiting, Now, rules, OverflowRules.StateOf(rules, 1), freeOperators: 2));
    }

    [Fact]
    public void QueueAtItsMaximumReadsFullAndOverflows()
    {
        var rules = new CentreOverflow(["night"], null, false, 3, QueueStateKind.Active);

        Assert.Equal(QueueStateKind.Active, OverflowRules.StateOf(rules, 2));
        Assert.Equal(QueueStateKind.Full, OverflowRules.StateOf(rules, 3));
        Assert.True(OverflowRules.ShouldOverflow(Waiting, Now, rules, OverflowRules.StateOf(rules, 3), freeOperators: 1));
    }

    [Fact]
    public void RingingCallAndPartnersCallDoNotOverflowAgain()
    {
        var rules = new CentreOverflow(["night"], null, true, 0, QueueStateKind.Active);

        Assert.False(OverflowRules.ShouldOverflow(Waiting with { OfferedTo = ["anna"] }, Now, rules, QueueStateKind.Active, 0));
        Assert.False(OverflowRules.ShouldOverflow(Waiting with { HomeCentreId = "city" }, Now, rules, QueueStateKind.Active, 0));
    }

    [Theory]
    [InlineData(QueueStateKind.Active, 1, 0, true)]
    [InlineData(QueueStateKind.Standby, 1, 0, true)]
    [InlineData(QueueStateKind.Active, 0, 0, false)]
    [InlineData(QueueStateKind.Inactive, 2, 0, false)]
    [InlineData(QueueStateKind.Disabled, 2, 0, false)]
    [InlineData(QueueStateKind.Full, 2, 0, false)]
    [InlineData(QueueStateKind.Active, 2, 6, false)]
    public void PartnerTakesOverflowOnlyWhileActiveOrStandbyWithSomeoneFreeAndItsWordIsFresh(QueueStateKind state, int free, int secondsOld, bool takes)
    {
        var partner = new QueueState("night", 0, 0, state, free, Now.AddSeconds(-secondsOld));

        Assert.Equal(takes, OverflowRules.Takes(partner, Now));
    }
}
