using Sos.Grains.Abstractions;

namespace Sos.Grains.Kiosks;

/// <summary>What a kiosk registration must hold.</summary>
public static class KioskRegistrationRules
{
    /// <summary>Throws <see cref="SosDomainException"/> naming every part of <paramref name="registration"/> that is missing or out of range.</summary>
    public static void Validate(string kioskId, KioskRegistration registration)
    {
        var problems = new List<string>();
        if (!KioskIds.IsValid(kioskId))
        {
            problems.Add($"an id of 1–{KioskIds.MaxLength} lower-case letters, digits, '-' or '_' (not '{kioskId}')");
        }

        if (string.IsNullOrWhiteSpace(registration.Name))
        {
            problems.Add("a name");
        }

        if (string.IsNullOrWhiteSpace(registration.CentreId))
        {
            problems.Add("an operations-centre id");
        }

        if (registration.Latitude is < -90 or > 90 || double.IsNaN(registration.Latitude))
        {
            problems.Add("a latitude between -90 and 90");
        }

        if (registration.Longitude is < -180 or > 180 || double.IsNaN(registration.Longitude))
        {
            problems.Add("a longitude between -180 and 180");
        }

        if (registration.HeartbeatInterval is { } interval && (interval < KioskGrain.HeartbeatIntervalRange.Min || interval > KioskGrain.HeartbeatIntervalRange.Max))
        {
            problems.Add($"a heartbeat interval between {KioskGrain.HeartbeatIntervalRange.Min.TotalSeconds:0} s and {KioskGrain.HeartbeatIntervalRange.Max.TotalHours:0} h");
        }

        if (registration.TestCallInterval is { } every && (every < KioskGrain.TestCallIntervalRange.Min || every > KioskGrain.TestCallIntervalRange.Max))
        {
            problems.Add($"a test call interval between {KioskGrain.TestCallIntervalRange.Min.TotalMinutes:0} min and {KioskGrain.TestCallIntervalRange.Max.TotalDays:0} days");
        }

        if (registration.Language is { } language && !Languages.IsSupported(language))
        {
            problems.Add($"a screen language of {string.Join(", ", Languages.All)}");
        }

        if (problems.Count > 0)
        {
            throw new SosDomainException("kiosk-incomplete", $"A kiosk registration needs {string.Join(", ", problems)}.");
        }
    }
}
