namespace Sos.Bench.Streams;

/// <summary>One stream provider the benchmark measures.</summary>
/// <param name="Name">Its provider name in the silo.</param>
/// <param name="Queues">Its queues.</param>
/// <param name="Poll">How often each queue's pulling agent polls.</param>
/// <param name="AdoNet">ADO.NET streams on PostgreSQL; otherwise memory streams.</param>
public sealed record StreamBenchProvider(string Name, int Queues, TimeSpan Poll, bool AdoNet);
