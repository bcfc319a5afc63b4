namespace Sos.Console.Services;

/// <summary>The silos of the cluster, from Orleans' management grain.</summary>
public sealed class ClusterService(IClusterClient client)
{
    /// <summary>Every silo the membership table knows, with its activation count when it is active.</summary>
    public async Task<IReadOnlyList<SiloRow>> ListAsync()
    {
        var management = client.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: false);
        var active = hosts.Where(h => h.Status == SiloStatus.Active).Select(h => h.SiloAddress).ToArray();
        var statistics = active.Length == 0 ? [] : await management.GetRuntimeStatistics(active);
        var activations = active.Zip(statistics, (silo, stats) => (silo, stats.ActivationCount)).ToDictionary(p => p.silo, p => p.ActivationCount);
        return
        [
            .. hosts
                .OrderBy(h => h.Status == SiloStatus.Active ? 0 : 1)
                .ThenByDescending(h => h.StartTime)
                .Select(h => new SiloRow(
                    h.SiloAddress.ToString(),
                    h.SiloName,
                    h.HostName,
                    h.Status.ToString(),
                    new DateTimeOffset(DateTime.SpecifyKind(h.StartTime, DateTimeKind.Utc)),
                    new DateTimeOffset(DateTime.SpecifyKind(h.IAmAliveTime, DateTimeKind.Utc)),
                    activations.TryGetValue(h.SiloAddress, out var count) ? count : null)),
        ];
    }
}
