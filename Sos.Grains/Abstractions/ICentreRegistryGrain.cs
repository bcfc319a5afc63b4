using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>
/// The operations centres that have routing, so that something can wake each centre's routing after a silo dies
/// (a routing grain's timer dies with its silo). One per cluster: key <see cref="SosConstants.CentreRegistryKey"/>.
/// </summary>
public interface ICentreRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Records a centre (idempotent).</summary>
    Task RegisterAsync(string centreId);

    /// <summary>Every centre recorded.</summary>
    Task<ImmutableArray<string>> GetCentresAsync();
}
