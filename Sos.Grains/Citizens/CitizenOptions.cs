namespace Sos.Grains.Citizens;

/// <summary>The citizen channel (<c>Sos:Citizen</c>).</summary>
public sealed class CitizenOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Sos:Citizen";

    /// <summary>The operations centre whose inbox receives citizens' reports (<c>Sos:Citizen:CentreId</c>).</summary>
    public string CentreId { get; set; } = Abstractions.SosConstants.DefaultCentreId;

    /// <summary>
    /// How many reports one device may send in an hour (<c>Sos:Citizen:ReportsPerHour</c>); more are refused until the
    /// hour has passed. Never applied to an SOS.
    /// </summary>
    public int ReportsPerHour { get; set; } = 20;

    /// <summary>
    /// The speed, in km/h over the straight line, that a citizen's estimate of a patrol's arrival assumes
    /// (<c>Sos:Citizen:PatrolSpeedKmh</c>): "about N minutes" from the patrol's distance when it was sent.
    /// </summary>
    public double PatrolSpeedKmh { get; set; } = 30;

    /// <summary>
    /// Where the development SMS stand-in writes each message it would send, one file per message
    /// (<c>Sos:Citizen:SmsOutbox</c>, default <c>sms-outbox</c> in the data directory); unused when a real SMS gateway
    /// is registered.
    /// </summary>
    public string? SmsOutbox { get; set; }
}
