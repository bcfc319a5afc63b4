using Sos.Console.Hosting;
using Sos.Grains.Abstractions;

namespace Sos.Console.Services;

/// <summary>What dispatchers do with citizens' reports: the centre's inbox, claim, reply, open an incident, close.</summary>
public sealed class CitizenReportService(IClusterClient client)
{
    /// <summary>The centre's open reports, oldest first.</summary>
    public async Task<IReadOnlyList<CitizenReportSnapshot>> InboxAsync(string centreId)
    {
        var ids = await client.GetCitizenInbox(centreId).OpenAsync();
        var reports = await Task.WhenAll(ids.Select(id => client.GetCitizenReport(id).GetAsync()));
        return [.. reports.Where(r => r.Exists && r.CentreId == centreId)];
    }

    /// <summary>A report of the user's centre; null when there is none such.</summary>
    public async Task<CitizenReportSnapshot?> GetAsync(ConsoleUser user, Guid reportId)
    {
        var report = await client.GetCitizenReport(reportId).GetAsync();
        return report.Exists && report.CentreId == user.CentreId ? report : null;
    }

    /// <summary>The dispatcher takes the report.</summary>
    public Task<CitizenReportSnapshot> ClaimAsync(ConsoleUser acting, Guid reportId) =>
        ActAsync(acting, reportId, "take a citizen report", g => g.ClaimAsync(acting.Actor));

    /// <summary>A message to the citizen.</summary>
    public Task<CitizenReportSnapshot> ReplyAsync(ConsoleUser acting, Guid reportId, string text) =>
        ActAsync(acting, reportId, "answer a citizen report", g => g.ReplyAsync(text, acting.Actor));

    /// <summary>Opens an incident from the report.</summary>
    public Task<CitizenReportSnapshot> OpenIncidentAsync(ConsoleUser acting, Guid reportId) =>
        ActAsync(acting, reportId, "open an incident from a citizen report", g => g.OpenIncidentAsync(acting.Actor));

    /// <summary>Closes the report with a public note.</summary>
    public Task<CitizenReportSnapshot> CloseAsync(ConsoleUser acting, Guid reportId, string publicNote) =>
        ActAsync(acting, reportId, "close a citizen report", g => g.CloseAsync(publicNote, acting.Actor));

    /// <summary>The device a report came from: its earlier reports and its block.</summary>
    public Task<CitizenDeviceSnapshot> DeviceAsync(string deviceId) => client.GetCitizenDevice(deviceId).GetAsync();

    /// <summary>A supervisor blocks the device a report of their centre came from.</summary>
    public async Task<CitizenDeviceSnapshot> BlockAsync(ConsoleUser acting, Guid reportId, string reason)
    {
        var report = await client.GetCitizenReport(reportId).GetAsync();
        acting.Require(AccountRole.Supervisor, "block a citizen's device", report.CentreId);
        return await client.GetCitizenDevice(report.Submission!.DeviceId).BlockAsync(reason, acting.Actor);
    }

    /// <summary>A supervisor lifts the block of the device a report of their centre came from.</summary>
    public async Task<CitizenDeviceSnapshot> UnblockAsync(ConsoleUser acting, Guid reportId)
    {
        var report = await client.GetCitizenReport(reportId).GetAsync();
        acting.Require(AccountRole.Supervisor, "unblock a citizen's device", report.CentreId);
        return await client.GetCitizenDevice(report.Submission!.DeviceId).UnblockAsync(acting.Actor);
    }

    private async Task<CitizenReportSnapshot> ActAsync(ConsoleUser acting, Guid reportId, string action, Func<ICitizenReportGrain, Task<CitizenReportSnapshot>> act)
    {
        var grain = client.GetCitizenReport(reportId);
        acting.Require(AccountRole.Dispatcher, action, (await grain.GetAsync()).CentreId);
        return await act(grain);
    }
}
