namespace Sos.Grains.Abstractions;

/// <summary>How a call reached the centre.</summary>
public enum CallChannel
{
    /// <summary>A press on an SOS call point.</summary>
    Kiosk,

    /// <summary>An SOS from a citizen's phone (the 102 app, or another state app through the citizen API).</summary>
    Citizen,
}
