using Sos.Grains.Abstractions;

namespace Sos.Grains.Kiosks;

/// <summary>What a kiosk registration must hold.</summary>
public static partial class KioskRegistrationRules
{
    /// <summary>What a kiosk's media settings lack or have out of range: the SIP station of an intercom, the camera's URL.</summary>
    public static IEnumerable<string> MediaProblems(KioskRegistration registration)
    {
        if (registration.MediaKind == KioskMediaKind.SipIntercom && registration.Sip is null)
        {
            yield return "a SIP intercom's SIP address";
        }

        if (registration.MediaKind == KioskMediaKind.Browser && (registration.Sip is not null || registration.Camera is not null))
        {
            yield return "no SIP station or camera for a browser kiosk, which sends its own camera (choose SIP intercom)";
        }

        if (registration.Sip is { } sip)
        {
            if (!SipUri().IsMatch(sip.Uri ?? string.Empty))
            {
                yield return $"a SIP address sip:user@host[:port] (not '{sip.Uri}')";
            }

            var codecs = sip.Codecs.IsDefault ? [] : sip.Codecs;
            if (codecs.IsEmpty || codecs.Any(c => !SipStation.KnownCodecs.Contains(c)) || codecs.Distinct().Count() != codecs.Length)
            {
                yield return $"codecs, each once, of {string.Join(", ", SipStation.KnownCodecs)}";
            }

            if (sip.PressCode is { } code && !PressCode().IsMatch(code))
            {
                yield return "a press code of 1–32 DTMF digits (0-9, *, #, A-D) or letters, digits, '-', '_', '=' for a SIP INFO body";
            }
        }

        if (registration.Camera is { } camera)
        {
            if (!Uri.TryCreate(camera.RtspUrl, UriKind.Absolute, out var url) || url.Scheme is not ("rtsp" or "rtsps") || string.IsNullOrEmpty(url.Host))
            {
                yield return $"a camera stream rtsp://host[:port]/path (not '{camera.RtspUrl}')";
            }
            else if (url.UserInfo.Length > 0)
            {
                yield return "a camera URL without a user or password in it (set those as the camera's credentials, which are kept apart)";
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^sips?:[A-Za-z0-9._~!$&'()*+,;=%-]+@[A-Za-z0-9.-]+(:[0-9]{1,5})?(;[A-Za-z0-9=._-]+)*$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex SipUri();

    [System.Text.RegularExpressions.GeneratedRegex(@"^[0-9*#A-Za-z_=-]{1,32}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex PressCode();

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

        if (MediaProblems(registration).ToList() is { Count: > 0 } media)
        {
            throw new SosDomainException("kiosk-media-invalid", $"A kiosk's media needs {string.Join(", ", media)}.", string.Join(", ", media));
        }
    }
}
