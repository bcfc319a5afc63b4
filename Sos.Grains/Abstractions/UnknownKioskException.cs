namespace Sos.Grains.Abstractions;

/// <summary>A kiosk id that no administrator registered.</summary>
[GenerateSerializer, Alias("Sos.UnknownKioskException")]
public sealed class UnknownKioskException : SosDomainException
{
    /// <summary>Creates the exception.</summary>
    public UnknownKioskException(string kioskId)
        : base($"Kiosk '{kioskId}' is not registered.")
    {
        KioskId = kioskId;
    }

    /// <summary>The unknown id.</summary>
    [Id(0)]
    public string KioskId { get; }
}
