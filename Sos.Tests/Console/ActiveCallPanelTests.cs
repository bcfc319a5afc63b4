using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Sos.Console.Components.Pages.Dispatch;
using Sos.Grains.Abstractions;

namespace Sos.Tests.Console;

public sealed class ActiveCallPanelTests : ComponentTestContext
{
    private readonly List<IncidentUpdate> incidents = [];
    private readonly List<CallClosure> closures = [];
    private readonly List<string> savedNotes = [];
    private readonly List<NotesEdit> edits = [];

    [Fact]
    public void CloseIsDisabledUntilADispositionIsChosen()
    {
        var panel = RenderPanel(Calls.Connected());

        Assert.True(panel.Find("button[data-testid=close-call]").HasAttribute("disabled"));
    }

    [Fact]
    public void PatrolSentRecordsTheUnitAndMakesThePatrolTheDispositionToCloseWith()
    {
        var panel = RenderPanel(Calls.Connected());
        Assert.True(panel.Find("button[data-testid=patrol-sent]").HasAttribute("disabled"));

        panel.Find("[data-testid=patrol-unit] input, input[data-testid=patrol-unit]").Input("PVL-12");
        panel.Find("button[data-testid=patrol-sent]").Click();
        panel.Find("button[data-testid=close-call]").Click();

        Assert.Equal(new IncidentUpdate(null, "PVL-12"), Assert.Single(incidents));
        Assert.Equal(new CallClosure(CallDisposition.PatrolSent, null, "PVL-12"), Assert.Single(closures));
    }

    [Fact]
    public void NotesOfTheCallAreShownAndAnUpdateOfTheSameCallDoesNotOverwriteWhatIsBeingTyped()
    {
        var call = Calls.Connected() with { Notes = "saved earlier" };
        var panel = RenderPanel(call);
        var notes = panel.Find("[data-testid=notes] textarea, textarea[data-testid=notes]");
        Assert.Equal("saved earlier", notes.GetAttribute("value") ?? notes.TextContent);
        panel.Find("[data-testid=notes] textarea, textarea[data-testid=notes]").Input("saved earlier, and more typed");

        panel.Render(p => p.Add(c => c.Call, call with { Notes = "another window's notes", PressCount = 2 }));

        var after = panel.Find("[data-testid=notes] textarea, textarea[data-testid=notes]");
        Assert.Equal("saved earlier, and more typed", after.GetAttribute("value") ?? after.TextContent);
    }

    [Fact]
    public void NotesSavedInAnotherWindowAreShownWhenNothingTypedHereWaitsAndSavesSayWhatTheyStartedFrom()
    {
        var call = Calls.Connected() with { Notes = "Man on the bridge." };
        var panel = RenderPanel(call);

        panel.Render(p => p.Add(c => c.Call, call with { Notes = "Man on the bridge. Woman reports a fight." }));
        var shown = panel.Find("[data-testid=notes] textarea, textarea[data-testid=notes]");
        Assert.Equal("Man on the bridge. Woman reports a fight.", shown.GetAttribute("value") ?? shown.TextContent);

        panel.Find("[data-testid=notes] textarea, textarea[data-testid=notes]").Input("Man on the bridge. Woman reports a fight. Patrol asked.");
        panel.WaitForAssertion(() => Assert.Equal(
            new NotesEdit("Man on the bridge. Woman reports a fight. Patrol asked.", "Man on the bridge. Woman reports a fight."), Assert.Single(edits)));
    }

    [Fact]
    public void NotesTypedJustBeforeCloseAreSavedBeforeTheCallCloses()
    {
        var panel = RenderPanel(Calls.Connected());
        panel.Find("[data-testid=notes] textarea, textarea[data-testid=notes]").Input("man with a knife, heading north");
        panel.Find("[data-testid=patrol-unit] input, input[data-testid=patrol-unit]").Input("PVL-7");
        panel.Find("button[data-testid=patrol-sent]").Click();

        panel.Find("button[data-testid=close-call]").Click();

        // On a slow machine the 400 ms debounce can fire first; its save may still be under way when Close returns.
        panel.WaitForAssertion(() => Assert.Equal(["man with a knife, heading north"], savedNotes));
        Assert.Single(closures);
    }

    private IRenderedComponent<ActiveCallPanel> RenderPanel(CallSnapshot call)
    {
        Render<MudPopoverProvider>();
        return Render<ActiveCallPanel>(p => p
            .Add(c => c.Call, call)
            .Add(c => c.Now, Calls.Opened.AddSeconds(20))
            .Add(c => c.OnNotesChanged, EventCallback.Factory.Create<NotesEdit>(this, e => { savedNotes.Add(e.Text); edits.Add(e); }))
            .Add(c => c.OnIncident, EventCallback.Factory.Create<IncidentUpdate>(this, incidents.Add))
            .Add(c => c.OnClose, EventCallback.Factory.Create<CallClosure>(this, closures.Add)));
    }
}
