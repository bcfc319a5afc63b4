using Microsoft.Extensions.DependencyInjection;
using Sos.Grains.Abstractions;

namespace Sos.Grains.Health;

/// <summary>Proves grain storage takes writes: each readiness check writes its one row.</summary>
public sealed class HealthProbeGrain(
    [PersistentState("health", SosConstants.StateStore)] IPersistentState<HealthProbeState> state,
    [FromKeyedServices(SosConstants.ClockKey)] TimeProvider clock) : Grain, IHealthProbeGrain
{
    /// <inheritdoc />
    public async Task<DateTimeOffset> WriteAsync()
    {
        state.State = new HealthProbeState(clock.GetUtcNow());
        await state.WriteStateAsync();
        return state.State.WrittenAt;
    }
}
