using System.Collections.Immutable;
using Sos.Grains.Abstractions;
using Sos.Grains.Storage;

namespace Sos.Grains.Routing;

/// <summary>The operations centres that have routing; each routing grain records its centre when it activates.</summary>
public sealed class CentreRegistryGrain(
    [PersistentState("centres", SosConstants.StateStore)] IPersistentState<ImmutableSortedSet<string>> state) : Grain, ICentreRegistryGrain
{
    private ImmutableSortedSet<string> Centres => state.RecordExists ? state.State : ImmutableSortedSet<string>.Empty;

    /// <inheritdoc />
    public async Task RegisterAsync(string centreId)
    {
        if (!Centres.Contains(centreId))
        {
            await state.CommitAsync(Centres.Add(centreId));
        }
    }

    /// <inheritdoc />
    public Task<ImmutableArray<string>> GetCentresAsync() => Task.FromResult(Centres.ToImmutableArray());
}
