namespace Sos.Console.Services;

/// <summary>One silo on the cluster page.</summary>
/// <param name="Address">Its silo address.</param>
/// <param name="Name">Its name.</param>
/// <param name="Host">The machine.</param>
/// <param name="Status">Its membership status (Active, ShuttingDown, Dead…).</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="LastAliveAt">When it last said it was alive.</param>
/// <param name="Activations">Grain activations on it, when active.</param>
public sealed record SiloRow(string Address, string Name, string Host, string Status, DateTimeOffset StartedAt, DateTimeOffset LastAliveAt, int? Activations);
