using Bunit;
using Sos.Console.Components.Pages.Dispatch;
using Sos.Grains.Abstractions;

namespace Sos.Tests.Console;

public sealed class PresenceControlTests : ComponentTestContext
{
    [Fact]
    public void ChoosingBreakReportsBreak()
    {
        OperatorPresence? chosen = null;
        var control = Render<PresenceControl>(p => p
            .Add(c => c.Presence, OperatorPresence.Available)
            .Add(c => c.OnChoose, presence => chosen = presence));

        control.Find("button[data-testid=presence-break]").Click();

        Assert.Equal(OperatorPresence.Break, chosen);
        Assert.Contains("Available", control.Find("[data-testid=presence-status]").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("presence-break", OperatorPresence.Break)]
    [InlineData("presence-offline", OperatorPresence.Offline)]
    public void LeavingWhileACallRingsIsAskedFirstAndStayingKeepsTheCall(string button, OperatorPresence leaving)
    {
        var chosen = new List<OperatorPresence>();
        var control = Render<PresenceControl>(p => p
            .Add(c => c.Presence, OperatorPresence.Ringing)
            .Add(c => c.OnChoose, presence => chosen.Add(presence)));

        control.Find($"button[data-testid={button}]").Click();
        Assert.Empty(chosen);
        Assert.Contains("An SOS call is ringing you", control.Find("[data-testid=presence-confirm]").TextContent, StringComparison.Ordinal);

        control.Find("button[data-testid=presence-confirm-no]").Click();
        Assert.Empty(chosen);
        Assert.Empty(control.FindAll("[data-testid=presence-confirm]"));

        control.Find($"button[data-testid={button}]").Click();
        control.Find("button[data-testid=presence-confirm-yes]").Click();
        Assert.Equal([leaving], chosen);
    }

    [Theory]
    [InlineData(OperatorPresence.OnCall)]
    [InlineData(OperatorPresence.WrapUp)]
    public void PresenceCannotBeChosenOnACallOrInWrapUp(OperatorPresence presence)
    {
        var control = Render<PresenceControl>(p => p
            .Add(c => c.Presence, presence)
            .Add(c => c.OnChoose, _ => { }));

        foreach (var choice in new[] { "presence-available", "presence-break", "presence-offline" })
        {
            Assert.True(control.Find($"button[data-testid={choice}]").HasAttribute("disabled"), choice);
        }
    }

    [Fact]
    public void ReasonChosenBySosIsShown()
    {
        var control = Render<PresenceControl>(p => p
            .Add(c => c.Presence, OperatorPresence.Offline)
            .Add(c => c.Reason, "console silent for 6 s")
            .Add(c => c.OnChoose, _ => { }));

        Assert.Contains("console silent for 6 s", control.Find("[data-testid=presence-reason]").TextContent, StringComparison.Ordinal);
    }
}
