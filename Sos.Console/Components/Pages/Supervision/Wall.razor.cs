using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Sos.Console.Hosting;
using Sos.Console.Services;
using Sos.Grains.Abstractions;

namespace Sos.Console.Components.Pages.Supervision;

/// <summary>
/// The supervisor wall. Subscribes to the centre's calls, operators and kiosks first, then loads from the grains; loads
/// again after a reconnect and every <see cref="ReloadInterval"/>, since stream notifications are only hints.
/// </summary>
public sealed partial class Wall : IAsyncDisposable
{
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan ReloadInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan QueuesInterval = TimeSpan.FromSeconds(2);
    private static readonly DialogOptions DialogOptions = new() { MaxWidth = MaxWidth.Small, FullWidth = true };

    private readonly Subscriptions subscriptions = new();
    private readonly CancellationTokenSource stop = new();
    private ConsoleUser user = default!;
    private WallBoard board = default!;
    private DateTimeOffset now;
    private DateTimeOffset loadedAt;
    private DateTimeOffset queuesAt;
    private bool loaded;
    private bool dialogOpen;
    private SupervisorAction action;
    private CallSnapshot? selected;
    private string? reassignTo;
    private string? reason;
    private Guid? listening;
    private DateTimeOffset? takeOverAt;

    [Inject]
    private WallService Calls { get; set; } = default!;

    [Inject]
    private LiveFeed Feed { get; set; } = default!;

    [Inject]
    private CircuitConnection Connection { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private MediaService Media { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary><c>?mode=wall</c>: the large-type layout for a wall screen (1920×1080 and up).</summary>
    [SupplyParameterFromQuery(Name = "mode")]
    private string? Mode { get; set; }

    private bool WallMode => string.Equals(Mode, "wall", StringComparison.OrdinalIgnoreCase);

    private bool CanConfirm =>
        selected is not null && !string.IsNullOrWhiteSpace(reason) && (action == SupervisorAction.TakeOver || !string.IsNullOrEmpty(reassignTo));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Connection.Restored -= ReloadAsync;
        await stop.CancelAsync();
        await subscriptions.DisposeAsync();
    }

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        user = ConsoleUser.From((await AuthenticationState).User)!;
        board = new WallBoard(user.CentreId);
        now = Clock.GetUtcNow();
        Connection.Restored += ReloadAsync;
        var subscribed = await subscriptions.AddAsync(Feed.CallsAsync(user.CentreId, call => InvokeAsync(() =>
        {
            board.Apply(call);

            // The queue changed with the call: the next tick reads the queue states rather than up to 2 s later.
            queuesAt = DateTimeOffset.MinValue;
            StateHasChanged();
        })));
        subscribed = subscribed && await subscriptions.AddAsync(Feed.OperatorsAsync(user.CentreId, op => InvokeAsync(() =>
        {
            board.Apply(op);
            StateHasChanged();
        })));
        subscribed = subscribed && await subscriptions.AddAsync(Feed.KiosksAsync(user.CentreId, kiosk => InvokeAsync(() =>
        {
            board.Apply(kiosk);
            StateHasChanged();
        })));
        if (!subscribed)
        {
            return;
        }

        await LoadAsync();
        _ = TickAsync(stop.Token);
    }

    private static string Percent(double? share) => share is { } s ? $"{s:P0}" : "–";

    private string StatusText(CallSnapshot call) => call.Status switch
    {
        CallStatus.Ringing => T["Queue.RingingWho", string.Join(", ", call.RingingOperators)],
        CallStatus.Connected => T["Wall.ConnectedTo", call.ConnectedOperator ?? string.Empty],
        _ => T.Of(call.Status).ToLower(System.Globalization.CultureInfo.CurrentCulture),
    };

    private async Task LoadAsync()
    {
        board.Load(await Calls.LoadAsync(user.CentreId));
        loadedAt = Clock.GetUtcNow();
        queuesAt = loadedAt;
        loaded = true;
    }

    private Task ReloadAsync() => InvokeAsync(async () =>
    {
        await LoadAsync();
        StateHasChanged();
    });

    private async Task TickAsync(CancellationToken cancellation)
    {
        using var timer = new PeriodicTimer(TickInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellation))
            {
                await InvokeAsync(async () =>
                {
                    now = Clock.GetUtcNow();
                    if (takeOverAt is { } due && now >= due && selected is { } taking)
                    {
                        await CarryOutAsync(taking);
                    }

                    if (now - loadedAt >= ReloadInterval)
                    {
                        await LoadAsync();
                    }
                    else if (now - queuesAt >= QueuesInterval)
                    {
                        // Queue states change with every call here and in partner centres: read them often (in memory).
                        queuesAt = now;
                        board.Apply(await Calls.QueuesAsync(user.CentreId));
                    }

                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // The page closed.
        }
    }

    private void Open(CallSnapshot call, SupervisorAction chosen)
    {
        selected = call;
        action = chosen;
        reassignTo = null;
        reason = null;
        takeOverAt = null;
        dialogOpen = true;
    }

    private async Task ConfirmAsync()
    {
        if (selected is not { } call || string.IsNullOrWhiteSpace(reason))
        {
            return;
        }

        if (action == SupervisorAction.TakeOver && call.Status == CallStatus.Connected && call.ConnectedOperator != user.Login)
        {
            // Somebody is talking on it: they are warned first, with the supervisor's name, and the wall counts down.
            await AnnounceTakeOverAsync(call, reason.Trim());
            return;
        }

        await CarryOutAsync(call);
    }

    private async Task CarryOutAsync(CallSnapshot call)
    {
        takeOverAt = null;
        try
        {
            var changed = action == SupervisorAction.TakeOver
                ? await Calls.TakeOverAsync(user.Login, call.CallId, reason!.Trim())
                : await Calls.ReassignAsync(user.Login, call.CallId, reassignTo!, reason!.Trim());
            board.Apply(changed);
            Snackbar.Add(action == SupervisorAction.TakeOver ? T["Wall.TakenOver"] : T["Wall.GivenTo", reassignTo ?? string.Empty], Severity.Success);
            dialogOpen = false;
            if (action == SupervisorAction.TakeOver)
            {
                // The supervisor talks on the call they took, on the Dispatch screen (its picture, its microphone).
                listening = null;
                Navigation.NavigateTo("/dispatch");
            }
        }
        catch (SosDomainException refused)
        {
            Snackbar.Add(T.Refusal(refused), Severity.Warning);
            dialogOpen = false;
            await LoadAsync();
        }
    }

    /// <summary>Starts or stops listening in silently to a connected call; starting is recorded in the call's timeline.</summary>
    private async Task ToggleListeningAsync(CallSnapshot call)
    {
        if (listening == call.CallId)
        {
            listening = null;
            return;
        }

        listening = call.CallId;
        try
        {
            await Media.NoteListeningAsync(call.CallId, user.Login, Clock.GetUtcNow());
        }
        catch (Exception failure) when (failure is SosDomainException or TimeoutException or OrleansException)
        {
            Snackbar.Add(T["Wall.ListeningNotRecorded"], Severity.Warning);
        }
    }
}
