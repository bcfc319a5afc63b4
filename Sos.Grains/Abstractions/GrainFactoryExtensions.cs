namespace Sos.Grains.Abstractions;

/// <summary>Typed look-ups of Sos grains by their keys.</summary>
public static class GrainFactoryExtensions
{
    /// <summary>The kiosk with this id.</summary>
    public static IKioskGrain GetKiosk(this IGrainFactory factory, string kioskId) => factory.GetGrain<IKioskGrain>(kioskId);

    /// <summary>The call with this id.</summary>
    public static ICallSessionGrain GetCall(this IGrainFactory factory, Guid callId) => factory.GetGrain<ICallSessionGrain>(callId);

    /// <summary>The media session (room, legs, recording) of the call with this id.</summary>
    public static IMediaSessionGrain GetMediaSession(this IGrainFactory factory, Guid callId) => factory.GetGrain<IMediaSessionGrain>(callId);

    /// <summary>The evidence (recording, manifest) of the call with this id.</summary>
    public static IEvidenceGrain GetEvidence(this IGrainFactory factory, Guid callId) => factory.GetGrain<IEvidenceGrain>(callId);

    /// <summary>The operator with this login.</summary>
    public static IOperatorGrain GetOperator(this IGrainFactory factory, string login) => factory.GetGrain<IOperatorGrain>(login);

    /// <summary>The settings and roster of this operations centre.</summary>
    public static ICentreGrain GetCentre(this IGrainFactory factory, string centreId) => factory.GetGrain<ICentreGrain>(centreId);

    /// <summary>The durable list of this operations centre's waiting calls.</summary>
    public static IWaitingListGrain GetWaitingList(this IGrainFactory factory, string centreId) => factory.GetGrain<IWaitingListGrain>(centreId);

    /// <summary>Supervisors' moves on calls.</summary>
    public static ISupervisionGrain GetSupervision(this IGrainFactory factory) => factory.GetGrain<ISupervisionGrain>(0);

    /// <summary>The routing of this operations centre.</summary>
    public static IRoutingGrain GetRouting(this IGrainFactory factory, string centreId) => factory.GetGrain<IRoutingGrain>(centreId);

    /// <summary>The console account with this login.</summary>
    public static IAccountGrain GetAccount(this IGrainFactory factory, string login) => factory.GetGrain<IAccountGrain>(login);

    /// <summary>The installation's audit trail.</summary>
    public static IAuditGrain GetAudit(this IGrainFactory factory) => factory.GetGrain<IAuditGrain>(SosConstants.AuditKey);

    /// <summary>The directory of every console account.</summary>
    public static IAccountDirectoryGrain GetAccountDirectory(this IGrainFactory factory) =>
        factory.GetGrain<IAccountDirectoryGrain>(SosConstants.AccountDirectoryKey);

    /// <summary>The directory of the kiosks of this operations centre.</summary>
    public static IKioskDirectoryGrain GetKioskDirectory(this IGrainFactory factory, string centreId) => factory.GetGrain<IKioskDirectoryGrain>(centreId);

    /// <summary>The call log of this operations centre for one UTC day.</summary>
    public static ICallLogGrain GetCallLog(this IGrainFactory factory, string centreId, DateOnly day) =>
        factory.GetGrain<ICallLogGrain>(CallLogKey.For(centreId, day));

    /// <summary>The incident with this id.</summary>
    public static IIncidentGrain GetIncident(this IGrainFactory factory, Guid incidentId) => factory.GetGrain<IIncidentGrain>(incidentId);

    /// <summary>The incident register (numbers, list, types) of this operations centre.</summary>
    public static IIncidentRegisterGrain GetIncidentRegister(this IGrainFactory factory, string centreId) => factory.GetGrain<IIncidentRegisterGrain>(centreId);

    /// <summary>A citizen report (its id from <see cref="CitizenIds.Report"/>).</summary>
    public static ICitizenReportGrain GetCitizenReport(this IGrainFactory factory, Guid reportId) => factory.GetGrain<ICitizenReportGrain>(reportId);

    /// <summary>A citizen's SOS session (its id from <see cref="CitizenIds.Sos"/>; its call has the same id).</summary>
    public static ICitizenSessionGrain GetCitizenSession(this IGrainFactory factory, Guid sessionId) => factory.GetGrain<ICitizenSessionGrain>(sessionId);

    /// <summary>A phone of the citizen channel.</summary>
    public static ICitizenDeviceGrain GetCitizenDevice(this IGrainFactory factory, string deviceId) => factory.GetGrain<ICitizenDeviceGrain>(deviceId);

    /// <summary>A centre's inbox of citizen reports.</summary>
    public static ICitizenInboxGrain GetCitizenInbox(this IGrainFactory factory, string centreId) => factory.GetGrain<ICitizenInboxGrain>(centreId);

    /// <summary>The patrol unit with this id.</summary>
    public static IUnitGrain GetUnit(this IGrainFactory factory, string unitId) => factory.GetGrain<IUnitGrain>(unitId);

    /// <summary>The directory of the patrol units of this operations centre.</summary>
    public static IUnitDirectoryGrain GetUnitDirectory(this IGrainFactory factory, string centreId) => factory.GetGrain<IUnitDirectoryGrain>(centreId);
}
