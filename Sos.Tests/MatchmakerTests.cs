using Sos.Grains.Abstractions;
using Sos.Grains.Routing;

namespace Sos.Tests;

/// <summary>Which waiting call rings whom: the matchmaker alone, with no cluster.</summary>
public sealed class MatchmakerTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EveryQueuedCallRingsAFreeOperatorInPriorityThenAgeOrder()
    {
        var older = Call(1, CallPriority.Normal, seconds: 0);
        var newer = Call(2, CallPriority.Normal, seconds: 5);
        var urgent = Call(3, CallPriority.High, seconds: 9);

        var (matches, _) = Matchmaker.Match([newer, older, urgent], [Free("anna", idle: 0), Free("boris", idle: 1)], RoutingStrategy.LongestIdle, null);

        Assert.Equal([urgent.CallId, older.CallId], matches.Select(m => m.CallId));
        Assert.Equal(["anna"], matches[0].Operators);
        Assert.Equal(["boris"], matches[1].Operators);
    }

    [Fact]
    public void CallWithAnOfferOutIsNotMatchedAgain()
    {
        var ringing = Call(1, CallPriority.High, seconds: 0) with { OfferedTo = ["zoe"] };
        var queued = Call(2, CallPriority.Normal, seconds: 1);

        var (matches, _) = Matchmaker.Match([ringing, queued], [Free("anna", idle: 0)], RoutingStrategy.LongestIdle, null);

        Assert.Equal(queued.CallId, Assert.Single(matches).CallId);
    }

    [Fact]
    public void OperatorWhoMissedTheCallIsOfferedItOnlyWhenNobodyElseIsFree()
    {
        var missed = Call(1, CallPriority.Normal, seconds: 0) with { MissedBy = ["anna"] };

        var (withOthers, _) = Matchmaker.Match([missed], [Free("anna", idle: 0), Free("boris", idle: 5)], RoutingStrategy.LongestIdle, null);
        var (alone, _) = Matchmaker.Match([missed], [Free("anna", idle: 0)], RoutingStrategy.LongestIdle, null);

        Assert.Equal(["boris"], Assert.Single(withOthers).Operators);
        Assert.Equal(["anna"], Assert.Single(alone).Operators);
    }

    [Fact]
    public void MoreCallsThanOperatorsLeavesTheYoungestWaiting()
    {
        var calls = Enumerable.Range(0, 5).Select(i => Call(i, CallPriority.Normal, seconds: i)).ToList();

        var (matches, _) = Matchmaker.Match(calls, [Free("anna", idle: 0), Free("boris", idle: 1)], RoutingStrategy.LongestIdle, null);

        Assert.Equal(calls.Take(2).Select(c => c.CallId), matches.Select(m => m.CallId));
    }

    [Fact]
    public void RingAllGivesTheFirstCallEveryFreeOperatorAndTheNextCallNobody()
    {
        var first = Call(1, CallPriority.Normal, seconds: 0);
        var second = Call(2, CallPriority.Normal, seconds: 1);

        var (matches, _) = Matchmaker.Match([first, second], [Free("boris", idle: 0), Free("anna", idle: 1)], RoutingStrategy.RingAll, null);

        var match = Assert.Single(matches);
        Assert.Equal(first.CallId, match.CallId);
        Assert.Equal(["anna", "boris"], match.Operators);
    }

    [Fact]
    public void RoundRobinTakesTurnsAcrossOneRoundAndReportsWhoWasRungLast()
    {
        var calls = Enumerable.Range(0, 2).Select(i => Call(i, CallPriority.Normal, seconds: i)).ToList();

        var (matches, last) = Matchmaker.Match(calls, [Free("anna", idle: 0), Free("boris", idle: 0), Free("cleo", idle: 0)], RoutingStrategy.RoundRobin, "anna");

        Assert.Equal(["boris"], matches[0].Operators);
        Assert.Equal(["cleo"], matches[1].Operators);
        Assert.Equal("cleo", last);
    }

    [Fact]
    public void NobodyFreeMatchesNothing()
    {
        var (matches, last) = Matchmaker.Match([Call(1, CallPriority.High, seconds: 0)], [], RoutingStrategy.LongestIdle, "anna");

        Assert.Empty(matches);
        Assert.Equal("anna", last);
    }

    private static WaitingCall Call(int n, CallPriority priority, int seconds) =>
        new(new Guid(n, 0, 0, new byte[8]), $"kiosk-{n}", priority, Start.AddSeconds(seconds), [], 0, [], false);

    private static OperatorSnapshot Free(string login, int idle) =>
        new(login, "centre", OperatorPresence.Available, Start, null, null, Start.AddSeconds(idle), null, 0, 0, 0, TimeSpan.Zero);
}
