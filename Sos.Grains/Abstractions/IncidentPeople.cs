namespace Sos.Grains.Abstractions;

/// <summary>The parts a person plays in an incident: codes, worded by the console (<c>PersonRole.&lt;code&gt;</c>).</summary>
public static class IncidentPeople
{
    /// <summary>Someone whose part is none of the others.</summary>
    public const string Other = "other";

    /// <summary>Every role, in the order a dispatcher chooses from.</summary>
    public static readonly IReadOnlyList<string> Roles = ["caller", "victim", "witness", "suspect", Other];

    /// <summary>Whether <paramref name="role"/> is one of <see cref="Roles"/>.</summary>
    public static bool IsKnownRole(string? role) => role is not null && Roles.Contains(role, StringComparer.Ordinal);
}
