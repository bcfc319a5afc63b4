using Orleans.Streams;

namespace Sos.Grains.Abstractions;

/// <summary>The streams of one operations centre, each tied to its item type, for publishers and subscribers alike.</summary>
public static class SosStreams
{
    /// <summary>Routing requests from kiosks to the centre's routing.</summary>
    public static IAsyncStream<RoutingRequest> RoutingRequests(this IStreamProvider provider, string centreId) =>
        provider.GetStream<RoutingRequest>(StreamId.Create(SosConstants.RoutingRequestsNamespace, centreId));

    /// <summary>Every change of a call of the centre.</summary>
    public static IAsyncStream<CallSnapshot> CallChanges(this IStreamProvider provider, string centreId) =>
        provider.GetStream<CallSnapshot>(StreamId.Create(SosConstants.CallChangesNamespace, centreId));

    /// <summary>Every change of an operator signed in to the centre.</summary>
    public static IAsyncStream<OperatorSnapshot> OperatorChanges(this IStreamProvider provider, string centreId) =>
        provider.GetStream<OperatorSnapshot>(StreamId.Create(SosConstants.OperatorChangesNamespace, centreId));

    /// <summary>Every change of a kiosk of the centre.</summary>
    public static IAsyncStream<KioskSnapshot> KioskChanges(this IStreamProvider provider, string centreId) =>
        provider.GetStream<KioskSnapshot>(StreamId.Create(SosConstants.KioskChangesNamespace, centreId));

    /// <summary>The centre's queue state whenever it changes.</summary>
    public static IAsyncStream<QueueState> QueueStates(this IStreamProvider provider, string centreId) =>
        provider.GetStream<QueueState>(StreamId.Create(SosConstants.QueueStatesNamespace, centreId));

    /// <summary>Calls of the centre that waited past the service-level threshold.</summary>
    public static IAsyncStream<CallEscalation> Escalations(this IStreamProvider provider, string centreId) =>
        provider.GetStream<CallEscalation>(StreamId.Create(SosConstants.EscalationsNamespace, centreId));

    /// <summary>Every change of an incident of the centre.</summary>
    public static IAsyncStream<IncidentSnapshot> IncidentChanges(this IStreamProvider provider, string centreId) =>
        provider.GetStream<IncidentSnapshot>(StreamId.Create(SosConstants.IncidentChangesNamespace, centreId));

    /// <summary>Every change of a patrol unit of the centre (its status, its position).</summary>
    public static IAsyncStream<UnitSnapshot> UnitChanges(this IStreamProvider provider, string centreId) =>
        provider.GetStream<UnitSnapshot>(StreamId.Create(SosConstants.UnitChangesNamespace, centreId));

    /// <summary>Every change of a citizen report in the centre's inbox.</summary>
    public static IAsyncStream<CitizenReportSnapshot> CitizenReportChanges(this IStreamProvider provider, string centreId) =>
        provider.GetStream<CitizenReportSnapshot>(StreamId.Create(SosConstants.CitizenReportChangesNamespace, centreId));
}
