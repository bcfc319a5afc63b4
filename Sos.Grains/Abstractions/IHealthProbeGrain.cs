namespace Sos.Grains.Abstractions;

/// <summary>
/// A grain whose only job is to prove, for readiness checks, that the cluster places grains and that grain storage
/// takes writes (<c>/health/ready</c>). One activation, key <see cref="Key"/>; it writes one small row.
/// </summary>
public interface IHealthProbeGrain : IGrainWithStringKey
{
    /// <summary>The probe's key.</summary>
    const string Key = "readiness";

    /// <summary>Writes the probe's state now; returns when it was written.</summary>
    Task<DateTimeOffset> WriteAsync();
}
