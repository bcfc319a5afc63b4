using Sos.Grains.Abstractions;

namespace Sos.Console.Services;

/// <summary>Dispositions as the console shows them.</summary>
public static class Dispositions
{
    /// <summary>The dispositions a dispatcher closes a call with (Abandoned is Sos's, not theirs).</summary>
    public static readonly IReadOnlyList<CallDisposition> Closable =
        [CallDisposition.HelpGiven, CallDisposition.PatrolSent, CallDisposition.FalseAlarm, CallDisposition.Prank, CallDisposition.Test, CallDisposition.Transferred];
}
