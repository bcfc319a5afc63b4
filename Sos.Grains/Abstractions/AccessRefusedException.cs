namespace Sos.Grains.Abstractions;

/// <summary>
/// The acting user may not do this: they lack the role, or it belongs to another operations centre. Checked where the
/// change is made (the console's services and the grains that act for a user), not only by the page that offers it.
/// </summary>
[GenerateSerializer, Alias("Sos.AccessRefusedException")]
public sealed class AccessRefusedException : SosDomainException
{
    /// <summary>Refuses <paramref name="actor"/> the <paramref name="action"/> because of <paramref name="reason"/>.</summary>
    public AccessRefusedException(string actor, string action, string reason)
        : base($"{actor} may not {action}: {reason}.")
    {
        Actor = actor;
    }

    /// <summary>Who was refused.</summary>
    [Id(0)]
    public string Actor { get; }
}
