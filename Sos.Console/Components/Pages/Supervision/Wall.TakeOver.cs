using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;
using Sos.Console.Hosting;
using Sos.Console.Services;
using Sos.Grains.Abstractions;

namespace Sos.Console.Components.Pages.Supervision;

/// <summary>
/// A take-over of a call somebody is talking on: the operator is warned first (the supervisor's name, the reason and
/// the time left, on their screen), the wall counts down <see cref="ConsoleOptions.TakeOverNotice"/> and then takes
/// the call; the supervisor may take it at once or withdraw meanwhile.
/// </summary>
public sealed partial class Wall
{
    [Inject]
    private IOptions<ConsoleOptions> Options { get; set; } = default!;

    private int TakeOverSecondsLeft => takeOverAt is { } due ? Math.Max(0, (int)Math.Ceiling((due - now).TotalSeconds)) : 0;

    private async Task AnnounceTakeOverAsync(CallSnapshot call, string why)
    {
        var at = Clock.GetUtcNow() + Options.Value.TakeOverNotice;
        try
        {
            board.Apply(await Calls.AnnounceTakeOverAsync(user.Login, call.CallId, why, at));
            takeOverAt = at;
        }
        catch (SosDomainException refused)
        {
            Snackbar.Add(T.Refusal(refused), Severity.Warning);
            dialogOpen = false;
            await LoadAsync();
        }
    }

    private async Task TakeOverNowAsync()
    {
        if (selected is { } call)
        {
            await CarryOutAsync(call);
        }
    }

    private async Task WithdrawTakeOverAsync()
    {
        takeOverAt = null;
        dialogOpen = false;
        if (selected is { } call)
        {
            board.Apply(await Calls.WithdrawTakeOverAsync(user.Login, call.CallId));
            Snackbar.Add(T["Wall.TakeOverWithdrawn"], Severity.Info);
        }
    }
}
