using Sos.Console.Hosting;
using Sos.Grains.Abstractions;

namespace Sos.Console.Services;

/// <summary>Kiosks of a centre: listing, registering, editing, lifecycle changes, test calls and maintenance tickets.</summary>
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
    public async Task<KioskSnapshot> RegisterAsync(ConsoleUser acting, string kioskId, KioskRegistration registration)
    {
        acting.Require(AccountRole.Admin, $"register kiosk {kioskId}", registration.CentreId);
        if ((await client.GetKiosk(kioskId).GetAsync()).Registration is { } existing)
        {
            acting.Require(AccountRole.Admin, $"change kiosk {kioskId}", existing.CentreId);
        }

        var kiosk = await client.GetKiosk(kioskId).RegisterAsync(registration, acting.Actor);
        await client.GetKioskDirectory(registration.CentreId).AddAsync(kioskId);
        return kiosk;
    }

    /// <summary>Sets the user and password of the kiosk's camera (kept apart from its registration, never shown again).</summary>
    public async Task<KioskSnapshot> SetCameraCredentialsAsync(ConsoleUser acting, string kioskId, CameraCredentials credentials)
    {
        await RequireOwnAsync(acting, kioskId, $"set the camera credentials of kiosk {kioskId}");
        return await client.GetKiosk(kioskId).SetCameraCredentialsAsync(credentials, acting.Actor);
    }

    /// <summary>Sets the password the kiosk's registering SIP intercom signs in with (kept apart from its registration, never shown again).</summary>
    public async Task<KioskSnapshot> SetSipPasswordAsync(ConsoleUser acting, string kioskId, string password)
    {
        await RequireOwnAsync(acting, kioskId, $"set the SIP password of kiosk {kioskId}");
        return await client.GetKiosk(kioskId).SetSipPasswordAsync(password, acting.Actor);
    }

    /// <summary>A press from the console, as if the kiosk's button were pressed (the demo's stand-in for a device).</summary>
    public Task<PressReceipt> PressAsync(string kioskId) => client.GetKiosk(kioskId).PressAsync(new PressRequest(Guid.NewGuid(), DateTimeOffset.UtcNow));

    /// <summary>Issues the kiosk a new device secret (the previous one stops working at once); the only time it is shown.</summary>
    public async Task<string> IssueSecretAsync(ConsoleUser acting, string kioskId)
    {
        await RequireOwnAsync(acting, kioskId, $"issue a secret to kiosk {kioskId}");
        return await client.GetKiosk(kioskId).IssueSecretAsync(acting.Actor);
    }

    /// <summary>Moves the kiosk along its lifecycle.</summary>
    public async Task<KioskSnapshot> ChangeLifecycleAsync(ConsoleUser acting, string kioskId, KioskLifecycle lifecycle)
    {
        await RequireOwnAsync(acting, kioskId, $"move kiosk {kioskId} to {lifecycle}");
        return await client.GetKiosk(kioskId).ChangeLifecycleAsync(lifecycle, acting.Actor);
    }

    /// <summary>Asks the kiosk for a test call now; it answers by itself with its next heartbeat.</summary>
    public async Task<KioskSnapshot> RequestTestAsync(ConsoleUser acting, string kioskId)
    {
        await RequireOwnAsync(acting, kioskId, $"ask kiosk {kioskId} for a test call");
        return await client.GetKiosk(kioskId).RequestTestAsync(acting.Actor);
    }

    /// <summary>Gives the kiosk's open maintenance ticket to a technician.</summary>
    public async Task<KioskSnapshot> AssignTicketAsync(ConsoleUser acting, string kioskId, Guid ticketId, string technician)
    {
        await RequireOwnAsync(acting, kioskId, $"assign a maintenance ticket of kiosk {kioskId}");
        return await client.GetKiosk(kioskId).AssignTicketAsync(ticketId, technician, acting.Actor);
    }

    /// <summary>Closes the kiosk's open maintenance ticket, saying what was done.</summary>
    public async Task<KioskSnapshot> CloseTicketAsync(ConsoleUser acting, string kioskId, Guid ticketId, string resolution)
    {
        await RequireOwnAsync(acting, kioskId, $"close a maintenance ticket of kiosk {kioskId}");
        return await client.GetKiosk(kioskId).CloseTicketAsync(ticketId, resolution, acting.Actor);
    }

    private async Task RequireOwnAsync(ConsoleUser acting, string kioskId, string action)
    {
        var kiosk = await client.GetKiosk(kioskId).GetAsync();
        acting.Require(AccountRole.Admin, action, kiosk.Registration?.CentreId ?? acting.CentreId);
    }
}
