namespace Sos.Silo.Demo;

/// <summary>Settings of the embedded demo, bound from <c>Sos:Demo</c>.</summary>
public sealed class DemoOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Sos:Demo";

    /// <summary>
    /// The device secret every demo kiosk accepts until an administrator issues it its own (<c>Sos:Demo:KioskSecret</c>).
    /// Honoured only outside Cluster mode.
    /// </summary>
    public string KioskSecret { get; set; } = "sos-demo-kiosk";
}
