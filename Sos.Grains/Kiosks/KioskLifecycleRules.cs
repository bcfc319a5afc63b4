using Sos.Grains.Abstractions;

namespace Sos.Grains.Kiosks;

/// <summary>Which lifecycle moves a kiosk may make.</summary>
public static class KioskLifecycleRules
{
    /// <summary>The lifecycles a kiosk may move to from <paramref name="from"/>.</summary>
    public static IReadOnlyList<KioskLifecycle> AllowedFrom(KioskLifecycle from) => from switch
    {
        KioskLifecycle.Commissioning => [KioskLifecycle.InService, KioskLifecycle.Decommissioned],
        KioskLifecycle.InService => [KioskLifecycle.Maintenance, KioskLifecycle.OutOfService, KioskLifecycle.Decommissioned],
        KioskLifecycle.Maintenance => [KioskLifecycle.InService, KioskLifecycle.OutOfService, KioskLifecycle.Decommissioned],
        KioskLifecycle.OutOfService => [KioskLifecycle.InService, KioskLifecycle.Maintenance, KioskLifecycle.Decommissioned],
        _ => [],
    };
}
