namespace Sos.Console.Components.Pages.Dispatch;

/// <summary>What the dispatcher recorded about the incident.</summary>
/// <param name="Category">The incident category.</param>
/// <param name="PatrolUnit">The patrol unit sent, if any.</param>
public sealed record IncidentUpdate(string? Category, string? PatrolUnit);
