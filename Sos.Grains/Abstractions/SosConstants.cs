namespace Sos.Grains.Abstractions;

/// <summary>
/// Every provider, stream namespace and service key that grains, hosts, consoles and tests share.
/// A name used in two places lives here, so a publisher and its subscribers can never disagree.
/// </summary>
public static class SosConstants
{
    /// <summary>The grain storage that holds kiosks, calls, operators and routing state.</summary>
    public const string StateStore = "sos";

    /// <summary>The grain storage Orleans' stream pub-sub needs for explicit subscriptions.</summary>
    public const string PubSubStore = "PubSubStore";

    /// <summary>The stream provider that carries change notifications.</summary>
    public const string StreamProvider = "sos-streams";

    /// <summary>The stream provider that carries presses to routing (its own, polled more often: it is on the press path).</summary>
    public const string PressStreamProvider = "sos-presses";

    /// <summary>Routing requests (a call waits, or its priority went up), keyed by operations-centre id.</summary>
    public const string RoutingRequestsNamespace = "sos.routing-requests";

    /// <summary>Every change of a call, keyed by operations-centre id.</summary>
    public const string CallChangesNamespace = "sos.call-changes";

    /// <summary>Every change of an operator's presence or call, keyed by operations-centre id.</summary>
    public const string OperatorChangesNamespace = "sos.operator-changes";

    /// <summary>Every change of a kiosk's registration, lifecycle or health, keyed by operations-centre id.</summary>
    public const string KioskChangesNamespace = "sos.kiosk-changes";

    /// <summary>An operations centre's queue state (NENA i3 QueueState) whenever it changes, keyed by operations-centre id.</summary>
    public const string QueueStatesNamespace = "sos.queue-state";

    /// <summary>Every change of an incident, keyed by operations-centre id.</summary>
    public const string IncidentChangesNamespace = "sos.incident-changes";

    /// <summary>Every change of a patrol unit's status or position, keyed by operations-centre id.</summary>
    public const string UnitChangesNamespace = "sos.unit-changes";

    /// <summary>The stream namespace of citizen report changes, one stream per centre.</summary>
    public const string CitizenReportChangesNamespace = "sos.citizen-report-changes";

    /// <summary>The configuration section that holds patrol-unit settings (stale fixes, the nearest-unit radius, status warnings).</summary>
    public const string UnitsSection = "Sos:Units";

    /// <summary>Calls that waited past the service-level threshold, keyed by operations-centre id.</summary>
    public const string EscalationsNamespace = "sos.escalations";

    /// <summary>The keyed-service key of the clock grains read time from (a fake clock in tests).</summary>
    public const string ClockKey = "sos-clock";

    /// <summary>The key of the installation's one audit trail.</summary>
    public const string AuditKey = "audit";

    /// <summary>The key of the one directory of console accounts.</summary>
    public const string AccountDirectoryKey = "accounts";

    /// <summary>The configuration section that holds routing timings.</summary>
    public const string RoutingSection = "Sos:Routing";

    /// <summary>The configuration section that holds stream settings.</summary>
    public const string StreamsSection = "Sos:Streams";

    /// <summary>The configuration section that holds the silo's endpoints and cluster id.</summary>
    public const string SiloSection = "Sos:Silo";

    /// <summary>The configuration section that holds Orleans client settings (consoles, simulator, gateways).</summary>
    public const string ClientSection = "Sos:Client";

    /// <summary>The configuration section that holds failure-detection settings (Orleans' ClusterMembershipOptions).</summary>
    public const string MembershipSection = "Sos:Membership";

    /// <summary>The configuration section that holds kiosk supervision settings.</summary>
    public const string KiosksSection = "Sos:Kiosks";

    /// <summary>The configuration section of SIP intercoms' supervision.</summary>
    public const string StationsSection = "Sos:Stations";

    /// <summary>The configuration section that holds media settings (Janus, addresses, evidence).</summary>
    public const string MediaSection = "Sos:Media";

    /// <summary>The operations centre a kiosk or operator belongs to when none is given.</summary>
    public const string DefaultCentreId = "pavlodar";
}
