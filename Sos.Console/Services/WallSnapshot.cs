using System.Collections.Immutable;
using Sos.Grains.Abstractions;

namespace Sos.Console.Services;

/// <summary>What the supervisor wall shows, as loaded from the grains.</summary>
/// <param name="OpenCalls">Queued, ringing and connected calls.</param>
/// <param name="Operators">Every operator of the centre, as routing sees them.</param>
/// <param name="Kiosks">Every kiosk of the centre.</param>
/// <param name="TodayLog">Today's call log.</param>
/// <param name="Today">The centre's local day of the log.</param>
/// <param name="Zone">The centre's time zone.</param>
/// <param name="Queues">The centre's queue state first, then its partner centres', as routing last heard them.</param>
public sealed record WallSnapshot(
    IReadOnlyList<CallSnapshot> OpenCalls,
    ImmutableArray<OperatorSnapshot> Operators,
    IReadOnlyList<KioskSnapshot> Kiosks,
    ImmutableArray<CallLogEntry> TodayLog,
    DateOnly Today,
    TimeZoneInfo Zone,
    ImmutableArray<QueueState> Queues);
