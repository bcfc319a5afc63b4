using Microsoft.Extensions.Options;
using Sos.Console.Hosting;
using Sos.Grains.Abstractions;

namespace Sos.Console.Services;

/// <summary>Closed and abandoned calls from the centre's daily call logs; call-backs of abandoned calls.</summary>
public sealed class HistoryService(IClusterClient client, IOptions<ConsoleOptions> options)
{
    /// <summary>The ended calls that match, newest first; the query's days are the centre's local days in <paramref name="zone"/>.</summary>
    public async Task<IReadOnlyList<CallLogEntry>> QueryAsync(string centreId, HistoryQuery query, TimeZoneInfo zone)
    {
        if (query.To < query.From)
        {
            return [];
        }

        if (query.To.DayNumber - query.From.DayNumber + 1 > options.Value.HistoryMaxDays)
        {
            throw new ArgumentException($"The history spans at most {options.Value.HistoryMaxDays} days at a time.", nameof(query));
        }

        // The call log is kept by UTC day: the local days span parts of one more UTC day, read and trimmed here.
        var from = CentreTime.StartOf(query.From, zone);
        var to = CentreTime.StartOf(query.To.AddDays(1), zone);
        var days = await Task.WhenAll(CentreTime.UtcDaysOf(query.From, query.To, zone).Select(day => client.GetCallLog(centreId, day).GetAsync()));
        return [.. days.SelectMany(d => d).Where(e => e.OpenedAt >= from && e.OpenedAt < to).Where(query.Matches).OrderByDescending(e => e.OpenedAt)];
    }

    /// <summary>A call with its full timeline.</summary>
    public Task<CallSnapshot> GetCallAsync(Guid callId) => client.GetCall(callId).GetAsync();

    /// <summary>A call's evidence: its recording, manifest and hashes.</summary>
    public Task<EvidenceSnapshot> GetEvidenceAsync(Guid callId) => client.GetEvidence(callId).GetAsync();

    /// <summary>Records the call-back of an abandoned call.</summary>
    public Task<CallSnapshot> CallBackAsync(string login, Guid callId, string outcome) => client.GetCall(callId).CallBackAsync(login, outcome);
}
