namespace Sos.Grains.Abstractions;

/// <summary>What happened, for the audit trail: who did what to what, from where.</summary>
/// <param name="Actor">Who acted, named as a call's timeline names them (<see cref="Actors"/>): <c>operator:login</c>, <c>system</c>.</param>
/// <param name="Action">What they did: one of <see cref="AuditActions"/>.</param>
/// <param name="Subject">What it was done to: <c>account:login</c>, <c>kiosk:id</c>, <c>call:id</c>, <c>centre:id</c>.</param>
/// <param name="Detail">The change in words, never a password or a secret.</param>
/// <param name="Address">The network address the request came from, where one is known.</param>
[GenerateSerializer, Immutable, Alias("Sos.AuditRecord")]
public sealed record AuditRecord(
    [property: Id(0)] string Actor,
    [property: Id(1)] string Action,
    [property: Id(2)] string Subject,
    [property: Id(3)] string Detail,
    [property: Id(4)] string? Address = null);
