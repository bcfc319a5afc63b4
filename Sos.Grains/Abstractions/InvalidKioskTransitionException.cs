namespace Sos.Grains.Abstractions;

/// <summary>A lifecycle change the kiosk's current lifecycle does not allow; nothing changed.</summary>
[GenerateSerializer, Alias("Sos.InvalidKioskTransitionException")]
public sealed class InvalidKioskTransitionException : SosDomainException
{
    /// <summary>Creates the exception.</summary>
    public InvalidKioskTransitionException(string kioskId, KioskLifecycle from, KioskLifecycle to, string expected)
        : base($"Kiosk '{kioskId}' cannot go from {from} to {to}; expected {expected}.")
    {
        From = from;
        To = to;
    }

    /// <summary>The lifecycle it stays in.</summary>
    [Id(0)]
    public KioskLifecycle From { get; }

    /// <summary>The lifecycle that was asked for.</summary>
    [Id(1)]
    public KioskLifecycle To { get; }
}
