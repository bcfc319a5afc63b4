namespace Sos.Grains.Abstractions;

/// <summary>A presence change the operator's current presence does not allow; nothing changed.</summary>
[GenerateSerializer, Alias("Sos.InvalidPresenceChangeException")]
public sealed class InvalidPresenceChangeException : SosDomainException
{
    /// <summary>Creates the exception.</summary>
    public InvalidPresenceChangeException(string login, OperatorPresence from, string action, string expected)
        : base($"Operator '{login}' cannot {action}: they are {from}; expected {expected}.")
    {
        From = from;
    }

    /// <summary>The presence they stay in.</summary>
    [Id(0)]
    public OperatorPresence From { get; }
}
