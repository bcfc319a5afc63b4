using Sos.Grains.Abstractions;
using Sos.Grains.Storage;

namespace Sos.Grains.Routing;

/// <summary>One operations centre's settings and roster. Awaits nobody but the audit trail (a leaf).</summary>
public sealed class CentreGrain(
    [PersistentState("centre", SosConstants.StateStore)] IPersistentState<CentreSettings> state) : Grain, ICentreGrain
{
    private CentreSettings Current => state.RecordExists ? state.State : CentreSettings.Empty;

    /// <inheritdoc />
    public Task<CentreSettings> GetAsync() => Task.FromResult(Current);

    /// <inheritdoc />
    public async Task<CentreSettings> SetStrategyAsync(RoutingStrategy strategy, string actor)
    {
        if (Current.Strategy != strategy)
        {
            var before = Current.Strategy;
            await state.CommitAsync(Current with { Strategy = strategy });
            await AuditAsync(actor, $"routing strategy {before} → {strategy}");
        }

        return Current;
    }

    /// <inheritdoc />
    public async Task<CentreSettings> SetOverflowAsync(CentreOverflow overflow, string actor)
    {
        var problems = new List<string>();
        if (overflow.Partners.IsDefault || overflow.Partners.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("partner centre ids that are not empty");
        }
        else if (overflow.Partners.Contains(this.GetPrimaryKeyString()))
        {
            problems.Add("partners other than the centre itself");
        }

        if (overflow.After is { } after && after <= TimeSpan.Zero)
        {
            problems.Add("an overflow wait above zero");
        }

        if (overflow.MaxQueue < 0)
        {
            problems.Add("a maximum queue of zero (no limit) or more");
        }

        if (problems.Count > 0)
        {
            throw new SosDomainException("overflow-incomplete", $"Overflow settings need {string.Join(", ", problems)}.");
        }

        var cleaned = overflow with { Partners = [.. overflow.Partners.Select(p => p.Trim()).Distinct(StringComparer.Ordinal)] };
        await state.CommitAsync(Current with { Overflow = cleaned });
        await AuditAsync(actor, $"overflow to {(cleaned.Partners.IsEmpty ? "no partner" : string.Join(", ", cleaned.Partners))} after {cleaned.After?.ToString() ?? "never"}, maximum queue {cleaned.MaxQueue}");
        return Current;
    }

    /// <inheritdoc />
    public async Task<CentreSettings> SetTimeZoneAsync(string timeZoneId, string actor)
    {
        var zone = TimeZones.Find(timeZoneId)
            ?? throw new SosDomainException("time-zone-unknown", $"There is no time zone '{timeZoneId}' on this machine (an IANA id such as Asia/Almaty).", timeZoneId ?? string.Empty);
        if (Current.TimeZoneId != zone.Id)
        {
            var before = Current.TimeZoneId ?? "UTC (not set)";
            await state.CommitAsync(Current with { TimeZoneId = zone.Id });
            await AuditAsync(actor, $"time zone {before} → {zone.Id}");
        }

        return Current;
    }

    private Task AuditAsync(string actor, string detail) =>
        GrainFactory.GetAudit().AppendAsync(new AuditRecord(actor, AuditActions.SettingsChanged, $"centre:{this.GetPrimaryKeyString()}", detail));

    /// <inheritdoc />
    public async Task JoinAsync(string login)
    {
        if (!Current.Operators.Contains(login))
        {
            await state.CommitAsync(Current with { Operators = Current.Operators.Add(login) });
        }
    }
}
