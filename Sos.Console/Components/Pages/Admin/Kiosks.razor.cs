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
        editing = true;
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
        editing = true;
    }

    private string? LatitudeProblem => latitude switch
    {
        null => "Required: where the kiosk stands",
        < -90 or > 90 => "A latitude is between -90 and 90",
        _ when latitude == 0 && longitude == 0 => "0, 0 is not a place a kiosk stands",
        _ => null,
    };

    private string? LongitudeProblem => longitude switch
    {
        null => "Required: where the kiosk stands",
        < -180 or > 180 => "A longitude is between -180 and 180",
        _ => null,
    };

    private string? CoordinatesProblem => LatitudeProblem is { } lat ? $"Latitude: {lat}." : LongitudeProblem is { } lon ? $"Longitude: {lon}." : null;

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
            Snackbar.Add($"Kiosk {id} is already registered: edit it instead.", Severity.Warning);
            return;
        }

        try
        {
            var registration = new KioskRegistration(name?.Trim() ?? string.Empty, address?.Trim() ?? string.Empty, latitude!.Value, longitude!.Value, district?.Trim() ?? string.Empty, centreId?.Trim() ?? string.Empty);
            await Admin.RegisterAsync(user!, id, registration);
            editing = false;
            Snackbar.Add(isNew ? $"Kiosk {id} registered; it starts in commissioning." : $"Kiosk {id} saved.", Severity.Success);
            kiosks = await Admin.ListAsync(user!.CentreId);
        }
        catch (SosDomainException refused)
        {
            Snackbar.Add(refused.Message, Severity.Warning);
        }
    }

    private async Task PressAsync(string id)
    {
        var receipt = await Admin.PressAsync(id);
        Snackbar.Add(receipt.Joined ? $"Press joined open call {receipt.CallId}." : $"Call {receipt.CallId} opened: it rings an available dispatcher.", Severity.Info);
    }

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
            Snackbar.Add(refused.Message, Severity.Warning);
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
            Snackbar.Add($"{kiosk.Registration?.Name ?? kiosk.KioskId} is now {Words.Of(lifecycleTo).ToLowerInvariant()}.", Severity.Success);
            kiosks = await Admin.ListAsync(user!.CentreId);
        }
        catch (SosDomainException refused)
        {
            Snackbar.Add(refused.Message, Severity.Warning);
        }
    }
}
