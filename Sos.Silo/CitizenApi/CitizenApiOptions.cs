namespace Sos.Silo.CitizenApi;

/// <summary>The citizen channel (<c>Sos:Citizen</c>).</summary>
public sealed class CitizenApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Sos:Citizen";

    /// <summary>The operations centre whose inbox receives citizens' reports (<c>Sos:Citizen:CentreId</c>).</summary>
    public string CentreId { get; set; } = Grains.Abstractions.SosConstants.DefaultCentreId;
}
