using Sos.Grains.Abstractions;

namespace Sos.Console.Services;

/// <summary>
/// The signed-in operator as the last heartbeat saw them, for one circuit. The layout's heartbeat reports here; the
/// dispatcher screen compares it with what it shows, so a missed notification is noticed within one heartbeat.
/// </summary>
public sealed class ConsolePresence
{
    /// <summary>Raised after each answered heartbeat.</summary>
    public event Func<OperatorSnapshot, Task>? Seen;

    /// <summary>The operator as the last heartbeat returned them.</summary>
    public OperatorSnapshot? Last { get; private set; }

    /// <summary>Records a heartbeat's answer and tells the listeners.</summary>
    public async Task ReportAsync(OperatorSnapshot seen)
    {
        Last = seen;
        if (Seen is { } handler)
        {
            await handler(seen);
        }
    }
}
