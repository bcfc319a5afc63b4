namespace Sos.Grains.CallLog;

/// <summary>How many chunks a centre-day's call log has (the last one is appended to).</summary>
/// <param name="Chunks">Chunks in use.</param>
[GenerateSerializer, Immutable, Alias("Sos.CallLogIndex")]
public sealed record CallLogIndex([property: Id(0)] int Chunks);
