using Sos.Grains.Abstractions;
using Sos.Grains.Storage;

namespace Sos.Grains.Routing;

/// <summary>One operations centre's settings and roster. Awaits nobody.</summary>
public sealed class CentreGrain(
    [PersistentState("centre", SosConstants.StateStore)] IPersistentState<CentreSettings> state) : Grain, ICentreGrain
{
    private CentreSettings Current => state.RecordExists ? state.State : CentreSettings.Empty;

    /// <inheritdoc />
    public Task<CentreSettings> GetAsync() => Task.FromResult(Current);

    /// <inheritdoc />
    public async Task<CentreSettings> SetStrategyAsync(RoutingStrategy strategy)
    {
        if (Current.Strategy != strategy)
        {
            await state.CommitAsync(Current with { Strategy = strategy });
        }

        return Current;
    }

    /// <inheritdoc />
    public async Task<CentreSettings> SetOverflowAsync(CentreOverflow overflow)
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
            throw new SosDomainException($"Overflow settings need {string.Join(", ", problems)}.");
        }

        var cleaned = overflow with { Partners = [.. overflow.Partners.Select(p => p.Trim()).Distinct(StringComparer.Ordinal)] };
        await state.CommitAsync(Current with { Overflow = cleaned });
        return Current;
    }

    /// <inheritdoc />
    public async Task JoinAsync(string login)
    {
        if (!Current.Operators.Contains(login))
        {
            await state.CommitAsync(Current with { Operators = Current.Operators.Add(login) });
        }
    }
}
