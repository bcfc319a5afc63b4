namespace Sos.Grains.Abstractions;

/// <summary>No incident has this id.</summary>
[GenerateSerializer, Alias("Sos.UnknownIncidentException")]
public sealed class UnknownIncidentException : SosDomainException
{
    /// <summary>Creates the exception.</summary>
    public UnknownIncidentException(Guid incidentId)
        : base("incident-unknown", $"There is no incident {incidentId}.", incidentId.ToString())
    {
    }
}
