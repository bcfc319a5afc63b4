using Sos.Grains.Abstractions;

namespace Sos.Console.Services;

/// <summary>Kiosks of a centre: listing, registering, editing and lifecycle changes.</summary>
public sealed class KioskAdminService(IClusterClient client)
{
    /// <summary>Every kiosk of the centre, by id.</summary>
    public async Task<IReadOnlyList<KioskSnapshot>> ListAsync(string centreId)
    {
        var ids = await client.GetKioskDirectory(centreId).GetAsync();
        var kiosks = await Task.WhenAll(ids.Select(id => client.GetKiosk(id).GetAsync()));
        return [.. kiosks.Where(k => k.Registration?.CentreId == centreId)];
    }

    /// <summary>A kiosk.</summary>
    public Task<KioskSnapshot> GetAsync(string kioskId) => client.GetKiosk(kioskId).GetAsync();

    /// <summary>Registers a kiosk or updates its details, and lists it in its centre.</summary>
    public async Task<KioskSnapshot> RegisterAsync(string kioskId, KioskRegistration registration)
    {
        var kiosk = await client.GetKiosk(kioskId).RegisterAsync(registration);
        await client.GetKioskDirectory(registration.CentreId).AddAsync(kioskId);
        return kiosk;
    }

    /// <summary>A press from the console, as if the kiosk's button were pressed (the demo's stand-in for a device).</summary>
    public Task<PressReceipt> PressAsync(string kioskId) => client.GetKiosk(kioskId).PressAsync(new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow));

    /// <summary>Issues the kiosk a new device secret (the previous one stops working at once); the only time it is shown.</summary>
    public Task<string> IssueSecretAsync(string kioskId) => client.GetKiosk(kioskId).IssueSecretAsync();

    /// <summary>Moves the kiosk along its lifecycle.</summary>
    public Task<KioskSnapshot> ChangeLifecycleAsync(string kioskId, KioskLifecycle lifecycle) =>
        client.GetKiosk(kioskId).ChangeLifecycleAsync(lifecycle);
}
