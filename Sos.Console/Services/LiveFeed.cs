using System.Globalization;
using Orleans.Streams;
using Sos.Grains.Abstractions;

namespace Sos.Console.Services;

/// <summary>
/// Live notifications of one operations centre, from the Orleans streams the grains publish on. They are hints: a
/// page subscribes first, then loads the state from the grains, and loads it again after a reconnect.
/// </summary>
public sealed partial class LiveFeed(IClusterClient client, ILogger<LiveFeed> logger)
{
    private IStreamProvider Streams => client.GetStreamProvider(SosConstants.StreamProvider);

    /// <summary>Every change of a call of the centre.</summary>
    public Task<IAsyncDisposable> CallsAsync(string centreId, Func<CallSnapshot, Task> onChange) =>
        SubscribeAsync(Streams.CallChanges(centreId), onChange);

    /// <summary>Every change of an operator of the centre.</summary>
    public Task<IAsyncDisposable> OperatorsAsync(string centreId, Func<OperatorSnapshot, Task> onChange) =>
        SubscribeAsync(Streams.OperatorChanges(centreId), onChange);

    /// <summary>Every change of a kiosk of the centre.</summary>
    public Task<IAsyncDisposable> KiosksAsync(string centreId, Func<KioskSnapshot, Task> onChange) =>
        SubscribeAsync(Streams.KioskChanges(centreId), onChange);

    /// <summary>Calls of the centre that waited past the service level.</summary>
    public Task<IAsyncDisposable> EscalationsAsync(string centreId, Func<CallEscalation, Task> onEscalation) =>
        SubscribeAsync(Streams.Escalations(centreId), onEscalation);

    /// <summary>Every change of an incident of the centre.</summary>
    public Task<IAsyncDisposable> IncidentsAsync(string centreId, Func<IncidentSnapshot, Task> onChange) =>
        SubscribeAsync(Streams.IncidentChanges(centreId), onChange);

    /// <summary>Every change of a citizen report of the centre.</summary>
    public Task<IAsyncDisposable> CitizenReportsAsync(string centreId, Func<CitizenReportSnapshot, Task> onChange) =>
        SubscribeAsync(Streams.CitizenReportChanges(centreId), onChange);

    /// <summary>Every change of a patrol unit of the centre (status, position).</summary>
    public Task<IAsyncDisposable> UnitsAsync(string centreId, Func<UnitSnapshot, Task> onChange) =>
        SubscribeAsync(Streams.UnitChanges(centreId), onChange);

    private async Task<IAsyncDisposable> SubscribeAsync<T>(IAsyncStream<T> stream, Func<T, Task> onNext)
    {
        // A notification arrives on an Orleans thread: the page handles it in the language and formats of the page
        // that subscribed (its circuit's culture), not the cluster client's.
        var culture = CultureInfo.CurrentCulture;
        var uiCulture = CultureInfo.CurrentUICulture;
        var handle = await stream.SubscribeAsync(async (item, _) =>
        {
            try
            {
                CultureInfo.CurrentCulture = culture;
                CultureInfo.CurrentUICulture = uiCulture;
                await onNext(item);
            }
            catch (Exception exception)
            {
                // A page that fails on one notification must not end the subscription for the next ones.
                LogHandlerFailed(logger, exception, stream.StreamId.ToString());
            }
        });
        return new Subscription<T>(handle, stream.StreamId.ToString(), logger);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A console page failed on a notification of stream {StreamId}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string streamId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Unsubscribing from stream {StreamId} failed; the cluster forgets the subscription of a gone client")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception, string streamId);

    private sealed class Subscription<T>(StreamSubscriptionHandle<T> handle, string streamId, ILogger logger) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await handle.UnsubscribeAsync();
            }
            catch (Exception exception)
            {
                LogUnsubscribeFailed(logger, exception, streamId);
            }
        }
    }
}
