namespace Sos.Grains.Abstractions;

/// <summary>How an account's console looks: following the browser's light or dark preference, or always one of them.</summary>
[GenerateSerializer]
public enum ThemeChoice
{
    /// <summary>Follow the browser's (the operating system's) preference.</summary>
    System = 0,

    /// <summary>Always the light theme.</summary>
    Light = 1,

    /// <summary>Always the night theme.</summary>
    Dark = 2,
}
