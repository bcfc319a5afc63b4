using Sos.Console.Hosting;
using Sos.Grains.Abstractions;

namespace Sos.Console.Services;

/// <summary>What an administrator sets for their operations centre: how it routes and when its calls overflow.</summary>
public sealed class CentreAdminService(IClusterClient client)
{
    /// <summary>The centre's settings and the strategy its routing uses now.</summary>
    public async Task<(CentreSettings Settings, RoutingStrategy Strategy)> GetAsync(string centreId)
    {
        var settings = await client.GetCentre(centreId).GetAsync();
        var routing = await client.GetRouting(centreId).GetAsync();
        return (settings, routing.Strategy);
    }

    /// <summary>The centre's time zone (UTC while none is set).</summary>
    public async Task<TimeZoneInfo> TimeZoneAsync(string centreId) => (await client.GetCentre(centreId).GetAsync()).Zone;

    /// <summary>Sets the centre's time zone.</summary>
    public Task<CentreSettings> SetTimeZoneAsync(ConsoleUser acting, string centreId, string timeZoneId)
    {
        acting.Require(AccountRole.Admin, $"change the time zone of centre {centreId}", centreId);
        return client.GetCentre(centreId).SetTimeZoneAsync(timeZoneId, acting.Actor);
    }

    /// <summary>Saves the strategy and the overflow rules; routing follows them at once.</summary>
    public async Task SaveAsync(ConsoleUser acting, string centreId, RoutingStrategy strategy, CentreOverflow overflow)
    {
        acting.Require(AccountRole.Admin, $"change the settings of centre {centreId}", centreId);
        var routing = client.GetRouting(centreId);
        await routing.SetOverflowAsync(overflow, acting.Actor);
        await routing.SetStrategyAsync(strategy, acting.Actor);
    }
}
