namespace Sos.Grains.Units;

/// <summary>Why a unit is ranked where it is, or left out.</summary>
public enum RankingReason
{
    /// <summary>Available with a fresh position within the radius.</summary>
    Nearest = 0,

    /// <summary>Available within the radius, but its position is old: ranked after fresh ones.</summary>
    StalePosition = 1,

    /// <summary>Available, but further than the radius.</summary>
    OutOfRadius = 2,

    /// <summary>Available, but it never sent a position.</summary>
    NoPosition = 3,

    /// <summary>Not available (on another incident, busy, on a break, off, out of service).</summary>
    NotAvailable = 4,
}
