using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Sos.Console.Hosting;
using Sos.Console.Services;
using Sos.Grains.Abstractions;
using Sos.Silo;

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
    private double latitude;
    private double longitude;
    private string? centreId;

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

    /// <summary>Outside Cluster mode an administrator can press a kiosk from here, to try Sos without a device.</summary>
    private bool DemoPresses => SosHostOptions.From(Configuration).Mode != SosMode.Cluster;

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
        latitude = 52.288;
        longitude = 76.942;
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

    private async Task SaveAsync()
    {
        var id = kioskId?.Trim() ?? string.Empty;
        if (isNew && (await Admin.GetAsync(id)).IsRegistered)
        {
            Snackbar.Add($"Kiosk {id} is already registered: edit it instead.", Severity.Warning);
            return;
        }

        try
        {
            var registration = new KioskRegistration(name?.Trim() ?? string.Empty, address?.Trim() ?? string.Empty, latitude, longitude, district?.Trim() ?? string.Empty, centreId?.Trim() ?? string.Empty);
            await Admin.RegisterAsync(id, registration);
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

    private async Task ChangeLifecycleAsync(string id, KioskLifecycle lifecycle)
    {
        try
        {
            await Admin.ChangeLifecycleAsync(id, lifecycle);
            kiosks = await Admin.ListAsync(user!.CentreId);
        }
        catch (SosDomainException refused)
        {
            Snackbar.Add(refused.Message, Severity.Warning);
        }
    }
}
