using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Sos.Console.Hosting;
using Sos.Console.Services;
using Sos.Grains.Abstractions;

namespace Sos.Console.Components.Pages.CallHistory;

/// <summary>Closed and abandoned calls: filters, a call's timeline, CSV export, and call-backs of abandoned calls.</summary>
public sealed partial class History
{
    private IReadOnlyList<CallLogEntry> entries = [];
    private IReadOnlyList<KioskSnapshot> kiosks = [];
    private ConsoleUser user = default!;
    private DateTime? from;
    private DateTime? to;
    private string? kioskId;
    private string? operatorLogin;
    private CallDisposition? disposition;
    private CallSnapshot? shown;
    private EvidenceSnapshot? evidence;
    private bool callBackOpen;
    private CallLogEntry? callBack;

    [Inject]
    private HistoryService Calls { get; set; } = default!;

    [Inject]
    private KioskAdminService Kiosks { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private Microsoft.Extensions.Options.IOptions<ConsoleOptions> Options { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private HistoryQuery Query
    {
        get
        {
            var today = Local.DayOf(Clock.GetUtcNow());
            var first = from is { } f ? DateOnly.FromDateTime(f) : today;
            var last = to is { } t ? DateOnly.FromDateTime(t) : today;
            return new HistoryQuery(first, last, kioskId, string.IsNullOrWhiteSpace(operatorLogin) ? null : operatorLogin.Trim(), disposition);
        }
    }

    private string ExportUrl => HistoryExport.UrlFor(Query);

    /// <summary>Dates as the user's culture writes them.</summary>
    private static string DateFormat => System.Globalization.CultureInfo.CurrentCulture.DateTimeFormat.ShortDatePattern;

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        user = ConsoleUser.From((await AuthenticationState).User)!;
        var today = Local.DayOf(Clock.GetUtcNow()).ToDateTime(TimeOnly.MinValue);
        from = today.AddDays(-6);
        to = today;
        kiosks = await Kiosks.ListAsync(user.CentreId);
        await SearchAsync();
    }

    private async Task SearchAsync()
    {
        try
        {
            entries = await Calls.QueryAsync(user.CentreId, Query, Local.Zone);
        }
        catch (ArgumentException)
        {
            Snackbar.Add(T["History.TooLong", Options.Value.HistoryMaxDays], Severity.Warning);
        }
    }

    private async Task ShowTimelineAsync(Guid callId)
    {
        shown = await Calls.GetCallAsync(callId);
        evidence = await Calls.GetEvidenceAsync(callId);
    }

    private void OpenCallBack(CallLogEntry entry)
    {
        callBack = entry;
        callBackOpen = true;
    }

    private async Task OnCalledBackAsync(CallSnapshot called)
    {
        shown = called;
        await SearchAsync();
    }
}
