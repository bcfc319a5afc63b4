using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Sos.Console.Hosting;
using Sos.Console.Services;
using Sos.Grains.Abstractions;
using Sos.Silo.Demo;

namespace Sos.Console.Components.Pages.Admin;

/// <summary>Registering kiosks, editing them, and moving them along their lifecycle. Live through kiosk changes.</summary>
public sealed partial class Kiosks : IAsyncDisposable
{
    private static readonly DialogOptions Wide = new() { MaxWidth = MaxWidth.Medium, FullWidth = true };

    private readonly Subscriptions subscriptions = new();
    private IReadOnlyList<KioskSnapshot> kiosks = [];
    private ConsoleUser? user;
    private bool editing;
    private bool isNew;
    private string? kioskId;
    private string? name;
    private string? address;
    private string? district;
    private double? latitude;
    private double? longitude;
    private string? centreId;
    private string language = Languages.Russian;
    private int? testHours;
    private KioskMediaKind mediaKind;
    private string? sipUri;
    private string? sipCodecs;
    private string? sipPressCode;
    private bool sipRegisters;
    private string? sipPassword;
    private DateTimeOffset? sipPasswordSetAt;
    private string? cameraUrl;
    private bool cameraAlwaysOn;
    private string? cameraUser;
    private string? cameraPassword;
    private DateTimeOffset? credentialsSetAt;
    private bool showingHistory;
    private KioskSnapshot? historyOf;
    private bool confirming;
    private bool issuing;
    private KioskSnapshot? secretFor;
    private string? issued;
    private KioskSnapshot? lifecycleFor;
    private KioskLifecycle lifecycleTo;

    [Inject]
    private KioskAdminService Admin { get; set; } = default!;

    [Inject]
    private LiveFeed Feed { get; set; } = default!;

    [Inject]
    private CircuitConnection Connection { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IConfiguration Configuration { get; set; } = default!;

    /// <summary>Where the demo runs, an administrator can press a kiosk from here, to try Sos without a device.</summary>
    private bool DemoPresses => DemoPolicy.Enabled(Configuration);

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Connection.Restored -= ReloadAsync;
        await subscriptions.DisposeAsync();
    }

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        user = ConsoleUser.From((await AuthenticationState).User)!;
        Connection.Restored += ReloadAsync;
        if (await subscriptions.AddAsync(Feed.KiosksAsync(user.CentreId, _ => ReloadAsync())))
        {
            kiosks = await Admin.ListAsync(user.CentreId);
        }
    }

    private Task ReloadAsync() => InvokeAsync(async () =>
    {
        kiosks = await Admin.ListAsync(user!.CentreId);
        StateHasChanged();
    });

    private void OpenNew()
    {
        isNew = true;
        kioskId = name = address = district = null;

        // No coordinates are filled in for the administrator: a kiosk saved at another kiosk's place sends patrols there.
        latitude = longitude = null;
        centreId = user!.CentreId;
        language = Languages.Russian;
        testHours = null;
        ShowMedia(null, null, null);
        editing = true;
    }

    /// <summary>The media part of the dialog from a registration (a browser kiosk when there is none). The camera's and the station's passwords are never shown.</summary>
    private void ShowMedia(KioskRegistration? registration, DateTimeOffset? setAt, DateTimeOffset? sipSetAt)
    {
        mediaKind = registration?.MediaKind ?? KioskMediaKind.Browser;
        sipUri = registration?.Sip?.Uri;
        sipCodecs = string.Join(", ", registration?.Sip is { } sip && !sip.Codecs.IsDefault ? sip.Codecs : SipStation.KnownCodecs);
        sipPressCode = registration?.Sip?.PressCode;
        sipRegisters = registration?.Sip?.Registers ?? false;
        cameraUrl = registration?.Camera?.RtspUrl;
        cameraAlwaysOn = registration?.Camera?.AlwaysOn ?? false;
        cameraUser = cameraPassword = null;
        credentialsSetAt = setAt;
        sipPassword = null;
        sipPasswordSetAt = sipSetAt;
    }

    /// <summary>The media settings as entered: the SIP station and camera of an intercom, nothing for a browser kiosk.</summary>
    private (SipStation? Sip, KioskCamera? Camera) EnteredMedia()
    {
        if (mediaKind != KioskMediaKind.SipIntercom)
        {
            return (null, null);
        }

        var codecs = (sipCodecs ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var sip = new SipStation(sipUri?.Trim() ?? string.Empty, [.. codecs], sipRegisters, string.IsNullOrWhiteSpace(sipPressCode) ? null : sipPressCode.Trim());
        var camera = string.IsNullOrWhiteSpace(cameraUrl) ? null : new KioskCamera(cameraUrl.Trim(), cameraAlwaysOn);
        return (sip, camera);
    }

    private void OpenEdit(KioskSnapshot kiosk)
    {
        var registration = kiosk.Registration!;
        isNew = false;
        kioskId = kiosk.KioskId;
        name = registration.Name;
        address = registration.Address;
        district = registration.District;
        latitude = registration.Latitude;
        longitude = registration.Longitude;
        centreId = registration.CentreId;
        language = registration.ScreenLanguage;
        testHours = registration.TestCallInterval is { } every ? (int)Math.Round(every.TotalHours) : null;
        ShowMedia(registration, kiosk.CameraCredentialsSetAt, kiosk.SipPasswordSetAt);
        editing = true;
    }

    private string? LatitudeProblem => latitude switch
    {
        null => T["Kiosks.CoordinateRequired"].Value,
        < -90 or > 90 => T["Kiosks.LatitudeRange"].Value,
        _ when latitude == 0 && longitude == 0 => T["Kiosks.ZeroZero"].Value,
        _ => null,
    };

    private string? LongitudeProblem => longitude switch
    {
        null => T["Kiosks.CoordinateRequired"].Value,
        < -180 or > 180 => T["Kiosks.LongitudeRange"].Value,
        _ => null,
    };

    private string? CoordinatesProblem => LatitudeProblem is { } lat ? T["Kiosks.LatitudeProblem", lat].Value : LongitudeProblem is { } lon ? T["Kiosks.LongitudeProblem", lon].Value : null;

    private bool CanSave =>
        !string.IsNullOrWhiteSpace(kioskId) && !string.IsNullOrWhiteSpace(name) && LatitudeProblem is null && LongitudeProblem is null;

    private async Task SaveAsync()
    {
        if (!CanSave)
        {
            return;
        }

        var id = kioskId?.Trim() ?? string.Empty;
        if (isNew && (await Admin.GetAsync(id)).IsRegistered)
        {
            Snackbar.Add(T["Kiosks.AlreadyRegistered", id], Severity.Warning);
            return;
        }

        try
        {
            // An edit keeps what this dialog does not show (the heartbeat interval).
            var (sip, camera) = EnteredMedia();
            var entered = new KioskRegistration(
                name?.Trim() ?? string.Empty, address?.Trim() ?? string.Empty, latitude!.Value, longitude!.Value, district?.Trim() ?? string.Empty, centreId?.Trim() ?? string.Empty,
                Language: language, TestCallInterval: testHours is { } hours ? TimeSpan.FromHours(hours) : null, MediaKind: mediaKind, Sip: sip, Camera: camera);
            var registration = isNew ? entered : entered with { HeartbeatInterval = (await Admin.GetAsync(id)).Registration?.HeartbeatInterval };
            await Admin.RegisterAsync(user!, id, registration);
            if (camera is not null && !string.IsNullOrEmpty(cameraUser) && !string.IsNullOrEmpty(cameraPassword))
            {
                // Written apart from the registration, and never read back into this dialog.
                await Admin.SetCameraCredentialsAsync(user!, id, new CameraCredentials(cameraUser.Trim(), cameraPassword));
            }

            if (sip is { Registers: true } && !string.IsNullOrEmpty(sipPassword))
            {
                await Admin.SetSipPasswordAsync(user!, id, sipPassword);
            }

            editing = false;
            Snackbar.Add(isNew ? T["Kiosks.Registered", id] : T["Kiosks.Saved", id], Severity.Success);
            kiosks = await Admin.ListAsync(user!.CentreId);
        }
        catch (SosDomainException refused)
        {
            Snackbar.Add(T.Refusal(refused), Severity.Warning);
        }
    }

    private async Task PressAsync(string id)
    {
        var receipt = await Admin.PressAsync(id);
        Snackbar.Add(receipt.Joined ? T["Kiosks.PressJoined", receipt.CallId] : T["Kiosks.PressOpened", receipt.CallId], Severity.Info);
    }

    private async Task RequestTestAsync(KioskSnapshot kiosk)
    {
        try
        {
            await Admin.RequestTestAsync(user!, kiosk.KioskId);
            Snackbar.Add(T["Kiosks.TestAsked", kiosk.Registration?.Name ?? kiosk.KioskId], Severity.Info);
            kiosks = await Admin.ListAsync(user!.CentreId);
        }
        catch (SosDomainException refused)
        {
            Snackbar.Add(T.Refusal(refused), Severity.Warning);
        }
    }

    private void ShowHistory(KioskSnapshot kiosk)
    {
        historyOf = kiosk;
        showingHistory = true;
    }

    /// <summary>
    /// The kiosk's history, the latest first: its alerts raised and cleared, its test calls, and its maintenance tickets'
    /// steps, each in the user's words with Sos's own detail.
    /// </summary>
    private IEnumerable<(DateTimeOffset At, string Kind, string What, string? Detail)> History =>
        historyOf is not { } kiosk
            ? []
            : kiosk.AlertHistory.Select(a => (a.At, Kind: "alert", What: T[a.Raised ? "Kiosks.AlertRaised" : "Kiosks.AlertCleared", T.Of(a.Kind)].Value, a.Detail))
                .Concat(kiosk.Maintenance.Tests.Select(t => (At: t.EndedAt, Kind: "test", What: T["Kiosks.TestEnded", T.Of(t.Test.Trigger), T.Of(t.Outcome)].Value, Detail: (string?)t.Detail)))
                .Concat(kiosk.Maintenance.Tickets.SelectMany(t => t.Events.Select(e => (e.At, Kind: "ticket", What: T["Kiosks.TicketStep", t.Number, T.Of(e.Step)].Value, Detail: (string?)(e.Actor is { } who ? $"{e.Detail} ({who[(who.IndexOf(':', StringComparison.Ordinal) + 1)..]})" : e.Detail)))))
                .OrderByDescending(e => e.At);

    /// <summary>Issuing or rotating a kiosk's secret says what it does and asks first; the secret is then shown once.</summary>
    private void AskSecret(KioskSnapshot kiosk)
    {
        secretFor = kiosk;
        issued = null;
        issuing = true;
    }

    private async Task IssueSecretAsync()
    {
        if (secretFor is not { } kiosk)
        {
            return;
        }

        try
        {
            issued = await Admin.IssueSecretAsync(user!, kiosk.KioskId);
            kiosks = await Admin.ListAsync(user!.CentreId);
        }
        catch (SosDomainException refused)
        {
            Snackbar.Add(T.Refusal(refused), Severity.Warning);
            issuing = false;
        }
    }

    private void CloseSecret()
    {
        // Gone from the page as the dialog closes: it is never shown again.
        issued = null;
        issuing = false;
    }

    /// <summary>A lifecycle change says what it means and asks first.</summary>
    private void AskLifecycle(KioskSnapshot kiosk, KioskLifecycle to)
    {
        lifecycleFor = kiosk;
        lifecycleTo = to;
        confirming = true;
    }

    private async Task ConfirmLifecycleAsync()
    {
        confirming = false;
        if (lifecycleFor is not { } kiosk)
        {
            return;
        }

        try
        {
            await Admin.ChangeLifecycleAsync(user!, kiosk.KioskId, lifecycleTo);
            Snackbar.Add(T["Kiosks.NowIn", kiosk.Registration?.Name ?? kiosk.KioskId, T.Of(lifecycleTo)], Severity.Success);
            kiosks = await Admin.ListAsync(user!.CentreId);
        }
        catch (SosDomainException refused)
        {
            Snackbar.Add(T.Refusal(refused), Severity.Warning);
        }
    }
}
