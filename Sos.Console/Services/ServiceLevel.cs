namespace Sos.Console.Services;

/// <summary>Where a waiting (or answer) time stands against the 10 / 15 / 20 s answering targets.</summary>
public enum ServiceLevel
{
    /// <summary>Under 10 s.</summary>
    Within10 = 0,

    /// <summary>10 s to under 15 s.</summary>
    Within15 = 1,

    /// <summary>15 s to under 20 s.</summary>
    Within20 = 2,

    /// <summary>20 s or more.</summary>
    Breached = 3,
}
