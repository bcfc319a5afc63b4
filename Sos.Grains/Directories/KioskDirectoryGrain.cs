using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Orleans.Streams.Core;
using Sos.Grains.Abstractions;

namespace Sos.Grains.Directories;

/// <summary>
/// The kiosk ids of one operations centre. Subscribed implicitly to the centre's kiosk-changes stream, so every kiosk
/// that registers or changes is listed without the kiosk grain knowing about the directory; the console adds the ids
/// it registers directly as well, since a stream event can be lost.
/// </summary>
[ImplicitStreamSubscription(SosConstants.KioskChangesNamespace)]
public sealed class KioskDirectoryGrain(
    [PersistentState("kiosk-directory", SosConstants.StateStore)] IPersistentState<IdDirectoryState> state,
    ILogger<KioskDirectoryGrain> logger) : IdDirectoryGrain(state), IKioskDirectoryGrain, IStreamSubscriptionObserver, IAsyncObserver<KioskSnapshot>
{
    /// <inheritdoc />
    public async Task AddAsync(string kioskId)
    {
        if (await ListAsync(kioskId))
        {
            logger.LogInformation("Kiosk {KioskId} listed in centre {CentreId}", kioskId, this.GetPrimaryKeyString());
        }
    }

    /// <inheritdoc />
    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<KioskSnapshot>().ResumeAsync(this);

    /// <inheritdoc />
    public Task OnNextAsync(KioskSnapshot item, StreamSequenceToken? token = null) => AddAsync(item.KioskId);

    /// <inheritdoc />
    public Task OnCompletedAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task OnErrorAsync(Exception ex)
    {
        logger.LogWarning(ex, "Kiosk changes stream of centre {CentreId} failed", this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }
}
