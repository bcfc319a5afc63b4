using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Sos.Grains.Abstractions;
using Sos.Grains.Streams;

namespace Sos.Grains.Routing;

/// <summary>How a new call asks its centre's routing for an operator: a kiosk's press and a citizen's SOS alike.</summary>
public static class RoutingIntake
{
    /// <summary>
    /// Sends <paramref name="call"/>'s routing request on the press stream, or straight to routing when the stream
    /// refuses it. The call is already written with its place in the waiting list, so a lost request costs only time:
    /// routing finds the call in the list.
    /// </summary>
    public static async Task SubmitAsync(IStreamProvider presses, IGrainFactory grains, CallSnapshot call, ILogger logger)
    {
        var request = new RoutingRequest(call.CallId, call.KioskId, call.Priority, call.OpenedAt);
        if (!await presses.RoutingRequests(call.CentreId).TryPublishAsync(request, logger))
        {
            grains.GetRouting(call.CentreId).SubmitAsync(request).Ignore();
            logger.LogWarning("Routing request for call {CallId} went to routing directly: the stream refused it", call.CallId);
        }
    }
}
