using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using MudBlazor;
using Sos.Console.Hosting;
using Sos.Console.Services;
using Sos.Grains.Abstractions;

namespace Sos.Console.Components.Pages.Dispatch;

/// <summary>
/// The dispatcher's screen: presence, the ringing call, the active call, the wrap-up and the waiting queue. Subscribes
/// to the centre's operator and call changes first, then loads from the grains; reloads after any reconnect, and
/// whenever the heartbeat shows the operator in a state the screen did not know.
/// </summary>
public sealed partial class Dispatcher : IAsyncDisposable
{
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(500);

    private readonly Subscriptions subscriptions = new();
    private readonly Dictionary<Guid, CallSnapshot> waiting = [];
    private readonly Dictionary<Guid, IncidentSnapshot> openIncidents = [];
    private readonly CancellationTokenSource stop = new();
    private ConsoleUser user = default!;
    private OperatorSnapshot? me;
    private CallSnapshot? myCall;
    private DateTimeOffset now;
    private bool busy;

    /// <summary>
    /// The calls shown ringing this dispatcher lately, to tell when one's caller hangs up: the next call may ring here
    /// before the page hears that the previous one was abandoned.
    /// </summary>
    private readonly List<Guid> rangHere = [];

    /// <summary>A ringing call whose caller hung up before the answer, shown until dismissed or the next answer.</summary>
    private CallSnapshot? hungUp;
    private DateTimeOffset hungUpAt;
    private int notesEpoch;

    [Inject]
    private DispatchService Dispatch { get; set; } = default!;

    [Inject]
    private LiveFeed Feed { get; set; } = default!;

    [Inject]
    private CircuitConnection Connection { get; set; } = default!;

    [Inject]
    private ConsolePresence Presence { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IOptions<ConsoleOptions> Options { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private IncidentService Incidents { get; set; } = default!;

    /// <summary>The ringing call whose Answer has had the focus, and the answered call whose notes have.</summary>
    private Guid? focusedRing;
    private Guid? focusedNotes;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private bool IsRinging =>
        me?.Presence == OperatorPresence.Ringing && myCall is { Status: CallStatus.Ringing } call && call.RingingOperators.Contains(user.Login);

    /// <summary>The deadline the call holds for its ring: the call runs the ring timer, the screen only shows it.</summary>
    private DateTimeOffset RingDeadline => myCall?.RingDeadline ?? now;

    /// <summary>
    /// Right after a ringing call hung up, another call that rings in its place cannot be answered for a moment: the
    /// click meant for the call that went must not take a different one.
    /// </summary>
    private bool AnswerGuarded => hungUp is { } gone && myCall?.CallId != gone.CallId && now - hungUpAt < AnswerGuard;

    private static readonly TimeSpan AnswerGuard = TimeSpan.FromSeconds(1.5);

    /// <summary>How urgent the ringing call's wait is (the ring escalates with it).</summary>
    private int RingLevel => myCall is { } call ? Options.Value.LevelOf(now - call.OpenedAt) : 1;

    private IReadOnlyList<CallSnapshot> WaitingCalls =>
        [.. waiting.Values.OrderByDescending(c => c.Priority).ThenBy(c => c.OpenedAt)];

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Connection.Restored -= ReloadAsync;
        Presence.Seen -= OnHeartbeatAsync;
        await stop.CancelAsync();
        await subscriptions.DisposeAsync();
    }

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        user = ConsoleUser.From((await AuthenticationState).User)!;
        now = Clock.GetUtcNow();
        Connection.Restored += ReloadAsync;
        Presence.Seen += OnHeartbeatAsync;
        if (!await subscriptions.AddAsync(Feed.OperatorsAsync(user.CentreId, OnOperatorChangedAsync))
            || !await subscriptions.AddAsync(Feed.CallsAsync(user.CentreId, OnCallChangedAsync))
            || !await subscriptions.AddAsync(Feed.IncidentsAsync(user.CentreId, OnIncidentChangedAsync)))
        {
            return;
        }

        await LoadAsync();
        _ = TickAsync(stop.Token);
    }

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // The keyboard follows the call: a ringing call puts the focus on Answer (Enter answers), an answered one on
        // the notes. Each call takes the focus once, so the dispatcher's own moves are not undone at every render.
        try
        {
            if (IsRinging && myCall!.CallId != focusedRing)
            {
                focusedRing = await JS.InvokeAsync<bool>("sosConsole.focus", "[data-testid=accept-call]") ? myCall.CallId : null;
            }
            else if (me?.Presence == OperatorPresence.OnCall && myCall is { Status: CallStatus.Connected } call && call.CallId != focusedNotes)
            {
                focusedNotes = await JS.InvokeAsync<bool>("sosConsole.focus", "[data-testid=notes] textarea, textarea[data-testid=notes]") ? call.CallId : null;
            }
        }
        catch (JSDisconnectedException)
        {
            // The page is gone.
        }
    }

    private async Task LoadAsync()
    {
        now = Clock.GetUtcNow();
        me = await Dispatch.GetOperatorAsync(user.Login);
        myCall = me.CallId is { } callId ? await Dispatch.GetCallAsync(callId) : null;
        waiting.Clear();
        foreach (var call in await Dispatch.GetWaitingCallsAsync(user.CentreId))
        {
            waiting[call.CallId] = call;
        }

        openIncidents.Clear();
        foreach (var incident in await Incidents.OpenIncidentsAsync(user.CentreId))
        {
            openIncidents[incident.IncidentId] = incident;
        }
    }

    /// <summary>The centre's open incidents, which a call about an event already reported may join.</summary>
    private Task OnIncidentChangedAsync(IncidentSnapshot incident) => InvokeAsync(() =>
    {
        if (incident.IsEnded)
        {
            openIncidents.Remove(incident.IncidentId);
        }
        else
        {
            openIncidents[incident.IncidentId] = incident;
        }

        StateHasChanged();
    });

    private void NoteRinging()
    {
        if (IsRinging && !rangHere.Contains(myCall!.CallId))
        {
            rangHere.Add(myCall.CallId);
            if (rangHere.Count > 8)
            {
                rangHere.RemoveAt(0);
            }
        }
    }

    private Task ReloadAsync() => InvokeAsync(async () =>
    {
        await LoadAsync();
        StateHasChanged();
    });

    private Task OnHeartbeatAsync(OperatorSnapshot seen) =>
        seen.Presence != me?.Presence || seen.CallId != me?.CallId ? ReloadAsync() : Task.CompletedTask;

    private Task OnOperatorChangedAsync(OperatorSnapshot changed) =>
        changed.Login != user.Login ? Task.CompletedTask : InvokeAsync(async () =>
        {
            if (IsOlder(changed, me))
            {
                return;
            }

            now = Clock.GetUtcNow();
            me = changed;
            if (changed.CallId != myCall?.CallId)
            {
                myCall = changed.CallId is { } callId ? await Dispatch.GetCallAsync(callId) : null;
            }

            NoteRinging();
            StateHasChanged();
        });

    private Task OnCallChangedAsync(CallSnapshot call) => InvokeAsync(() =>
    {
        now = Clock.GetUtcNow();
        var wasWaiting = waiting.Remove(call.CallId);
        if (call.IsWaiting)
        {
            waiting[call.CallId] = call;
        }

        if ((call.CallId == myCall?.CallId || call.CallId == me?.CallId) && !IsOlder(call, myCall))
        {
            myCall = call;
        }

        if (call.Status == CallStatus.Abandoned && rangHere.Remove(call.CallId))
        {
            // Said, not silently replaced: the card that rang says the caller went, and where the call went. Said once.
            hungUp = call;
            hungUpAt = now;
        }
        else if (call.Status == CallStatus.Abandoned && wasWaiting)
        {
            Snackbar.Add(T["Dispatch.HungUpWhileWaiting", T.CallerName(call)], Severity.Warning);
        }

        NoteRinging();
        StateHasChanged();
    });

    /// <summary>
    /// A change the stream delivers after the screen already holds a later state (an accept's own answer arrives first
    /// on a loaded machine) is not shown: it would put the ringing card back over the call being worked, and the panel
    /// made again would lose what the dispatcher had typed. A call only gains timeline entries; a presence only moves on.
    /// </summary>
    private static bool IsOlder(CallSnapshot seen, CallSnapshot? held) =>
        held is not null && seen.CallId == held.CallId && !seen.Timeline.IsDefault && !held.Timeline.IsDefault && seen.Timeline.Length < held.Timeline.Length;

    /// <remarks>
    /// Only what cannot be true is dropped: the same call going back (wrap-up to talking, talking to ringing), or a free
    /// operator from before the call that now rings or talks. A ring is never hidden; the heartbeat corrects the rest.
    /// </remarks>
    private static bool IsOlder(OperatorSnapshot seen, OperatorSnapshot? held) =>
        held is { CallId: { } holding } && (seen.CallId == holding
            ? Stage(seen.Presence) < Stage(held.Presence)
            : seen.CallId is null && seen.PresenceSince < held.PresenceSince && held.Presence is OperatorPresence.OnCall or OperatorPresence.WrapUp);

    private static int Stage(OperatorPresence presence) => presence switch
    {
        OperatorPresence.Ringing => 1,
        OperatorPresence.OnCall => 2,
        OperatorPresence.WrapUp => 3,
        _ => 0,
    };

    private async Task TickAsync(CancellationToken cancellation)
    {
        using var timer = new PeriodicTimer(TickInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellation))
            {
                await InvokeAsync(() =>
                {
                    now = Clock.GetUtcNow();
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // The page closed.
        }
    }

    private Task ChoosePresenceAsync(OperatorPresence presence) =>
        RunAsync(async () => me = await Dispatch.ChangePresenceAsync(user.CentreId, user.Login, presence));

    private Task AcceptAsync() => myCall is not { } call ? Task.CompletedTask : RunAsync(async () =>
    {
        myCall = await Dispatch.AcceptAsync(user.Login, call.CallId);
        me = await Dispatch.GetOperatorAsync(user.Login);
        hungUp = null;
    });

    private async Task SaveNotesAsync(NotesEdit edit)
    {
        if (myCall is not { } call)
        {
            return;
        }

        try
        {
            await RunAsync(async () => myCall = await Dispatch.SaveNotesAsync(user.Login, call.CallId, edit.Text, edit.BasedOn), showBusy: false);
        }
        catch (NotesConflictException)
        {
            // Nothing is overwritten and nothing is lost: the window shows the call's notes, and what was typed here
            // is said, to be added again.
            myCall = await Dispatch.GetCallAsync(call.CallId);
            notesEpoch++;
            Snackbar.Add(T["Dispatch.NotesConflict", edit.Text], Severity.Warning);
        }
    }

    private Task RecordIncidentAsync(IncidentUpdate incident) => myCall is not { } call ? Task.CompletedTask : RunAsync(
        async () => myCall = await Dispatch.RecordIncidentAsync(user.Login, call.CallId, incident.Category, incident.PatrolUnit));

    private Task OpenIncidentAsync() => myCall is not { } call ? Task.CompletedTask : RunAsync(async () =>
    {
        await Incidents.OpenFromCallAsync(user.Login, call);
        myCall = await Dispatch.GetCallAsync(call.CallId);
    });

    private Task JoinIncidentAsync(Guid incidentId) => myCall is not { } call ? Task.CompletedTask : RunAsync(async () =>
    {
        await Incidents.JoinCallAsync(incidentId, call.CallId, user.Login);
        myCall = await Dispatch.GetCallAsync(call.CallId);
    });

    private Task CloseAsync(CallClosure closure) => myCall is not { } call ? Task.CompletedTask : RunAsync(async () =>
    {
        myCall = await Dispatch.CloseAsync(user.Login, call.CallId, closure);
        me = await Dispatch.GetOperatorAsync(user.Login);
    });

    private Task EndWrapUpAsync() =>
        RunAsync(async () => me = await Dispatch.EndWrapUpAsync(user.Login));

    /// <summary>Runs a dispatcher action; a refusal is shown and the screen reloads what is true now.</summary>
    private async Task RunAsync(Func<Task> action, bool showBusy = true)
    {
        busy = showBusy;
        try
        {
            await action();
            now = Clock.GetUtcNow();
        }
        catch (SosDomainException refused) when (refused is not NotesConflictException)
        {
            Snackbar.Add(T.Refusal(refused), Severity.Warning);
            await LoadAsync();
        }
        catch (Exception failure) when (failure is TimeoutException or OrleansException)
        {
            Snackbar.Add(T["Sos.DidNotAnswer"], Severity.Error);
        }
        finally
        {
            busy = false;
        }
    }
}
