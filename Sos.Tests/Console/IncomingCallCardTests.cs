using Bunit;
using Sos.Console.Components.Pages.Dispatch;
using Sos.Grains.Abstractions;

namespace Sos.Tests.Console;

public sealed class IncomingCallCardTests : ComponentTestContext
{
    [Fact]
    public void CardShowsWhereTheCallComesFromHowLongThePersonWaitedAndTheCountdown()
    {
        var call = Calls.Ringing() with { Priority = CallPriority.High, PressCount = 3 };

        var card = Render<IncomingCallCard>(p => p
            .Add(c => c.Call, call)
            .Add(c => c.Now, Calls.Opened.AddSeconds(7))
            .Add(c => c.RingDeadline, Calls.Opened.AddSeconds(12))
            .Add(c => c.OnAccept, () => { }));

        Assert.Equal("Central Embankment", card.Find("[data-testid=incoming-kiosk]").TextContent);
        Assert.Contains("Irtysh embankment, by the river station", card.Markup, StringComparison.Ordinal);
        Assert.Contains("Central district", card.Markup, StringComparison.Ordinal);
        Assert.Equal("0:07", card.Find("[data-testid=incoming-waited]").TextContent);
        Assert.Equal("5 s to answer", card.Find("[data-testid=ring-countdown]").TextContent);
        Assert.Contains("PRESSED 3 TIMES", card.Find("[data-testid=incoming-priority]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void CountdownNeverGoesBelowZero()
    {
        var card = Render<IncomingCallCard>(p => p
            .Add(c => c.Call, Calls.Ringing())
            .Add(c => c.Now, Calls.Opened.AddSeconds(30))
            .Add(c => c.RingDeadline, Calls.Opened.AddSeconds(12))
            .Add(c => c.OnAccept, () => { }));

        Assert.Equal(0, card.Instance.RemainingSeconds);
    }

    [Fact]
    public void OneClickAnswers()
    {
        var answered = 0;
        var card = Render<IncomingCallCard>(p => p
            .Add(c => c.Call, Calls.Ringing())
            .Add(c => c.Now, Calls.Opened)
            .Add(c => c.RingDeadline, Calls.Opened.AddSeconds(10))
            .Add(c => c.OnAccept, () => answered++));

        card.Find("button[data-testid=accept-call]").Click();

        Assert.Equal(1, answered);
    }
}
