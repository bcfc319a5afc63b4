using Bunit;
using Sos.Console.Components.Pages.Dispatch;
using Sos.Grains.Abstractions;

namespace Sos.Tests.Console;

public sealed class WrapUpPanelTests : ComponentTestContext
{
    [Fact]
    public void WrapUpCountsDownAndCanBeSkipped()
    {
        var ready = 0;
        var call = Calls.Connected() with { Status = CallStatus.WrapUp, Disposition = CallDisposition.HelpGiven };
        var panel = Render<WrapUpPanel>(p => p
            .Add(c => c.Call, call)
            .Add(c => c.Until, Calls.Opened.AddSeconds(40))
            .Add(c => c.Now, Calls.Opened.AddSeconds(28))
            .Add(c => c.OnReady, () => ready++));

        Assert.Contains("12 s until the next call", panel.Markup, StringComparison.Ordinal);
        Assert.Contains("Help given", panel.Markup, StringComparison.Ordinal);
        panel.Find("button[data-testid=end-wrap-up]").Click();
        Assert.Equal(1, ready);
    }
}
