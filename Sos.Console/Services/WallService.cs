using System.Collections.Immutable;
using Sos.Grains.Abstractions;

namespace Sos.Console.Services;

/// <summary>What the supervisor wall reads and does.</summary>
public sealed class WallService(IClusterClient client, KioskAdminService kiosks, TimeProvider clock)
{
    /// <summary>Everything the wall shows, read from the grains.</summary>
    public async Task<WallSnapshot> LoadAsync(string centreId)
    {
        var routing = await client.GetRouting(centreId).GetAsync();
        var callIds = routing.Waiting.Select(w => w.CallId)
            .Concat(routing.Operators.Where(o => o.CallId is not null).Select(o => o.CallId!.Value))
            .Distinct();
        var calls = await Task.WhenAll(callIds.Select(id => client.GetCall(id).GetAsync()));
        var kioskList = await kiosks.ListAsync(centreId);
        var zone = (await client.GetCentre(centreId).GetAsync()).Zone;
        var today = CentreTime.DayOf(clock.GetUtcNow(), zone);
        var logs = await Task.WhenAll(CentreTime.UtcDaysOf(today, today, zone).Select(day => client.GetCallLog(centreId, day).GetAsync()));
        var log = logs.SelectMany(l => l).Where(e => CentreTime.DayOf(e.OpenedAt, zone) == today).ToImmutableArray();
        return new WallSnapshot([.. calls.Where(c => c.IsOpen)], routing.Operators, kioskList, log, today, zone, Queues(routing));
    }

    /// <summary>The centre's queue state and its partners', as its routing holds them now (read often: it is in memory).</summary>
    public async Task<System.Collections.Immutable.ImmutableArray<QueueState>> QueuesAsync(string centreId) =>
        Queues(await client.GetRouting(centreId).GetAsync());

    private static System.Collections.Immutable.ImmutableArray<QueueState> Queues(RoutingSnapshot routing) =>
        [.. new[] { routing.Queue }.OfType<QueueState>(), .. routing.Partners.IsDefault ? [] : routing.Partners];

    /// <summary>The supervisor warns the call's operator that they take it over at <paramref name="at"/>.</summary>
    public Task<CallSnapshot> AnnounceTakeOverAsync(string supervisor, Guid callId, string reason, DateTimeOffset at) =>
        client.GetSupervision().AnnounceTakeOverAsync(supervisor, callId, reason, at);

    /// <summary>The supervisor withdraws the take-over they announced.</summary>
    public Task<CallSnapshot> WithdrawTakeOverAsync(string supervisor, Guid callId) =>
        client.GetCall(callId).WithdrawTakeOverAsync(supervisor);

    /// <summary>The supervisor takes the call over.</summary>
    public Task<CallSnapshot> TakeOverAsync(string supervisor, Guid callId, string reason) =>
        client.GetSupervision().TakeOverAsync(supervisor, callId, reason);

    /// <summary>The supervisor gives the call to another operator.</summary>
    public Task<CallSnapshot> ReassignAsync(string supervisor, Guid callId, string toLogin, string reason) =>
        client.GetSupervision().ReassignAsync(supervisor, callId, toLogin, reason);
}
