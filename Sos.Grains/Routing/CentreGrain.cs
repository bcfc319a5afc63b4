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
    public async Task JoinAsync(string login)
    {
        if (!Current.Operators.Contains(login))
        {
            await state.CommitAsync(Current with { Operators = Current.Operators.Add(login) });
        }
    }
}
