using System.Text.RegularExpressions;

namespace Sos.Grains.Abstractions;

/// <summary>The ids of the citizen channel: a phone's device id, and the ids Sos derives from it.</summary>
public static partial class CitizenIds
{
    /// <summary>The longest device id.</summary>
    public const int MaxDeviceIdLength = 128;

    /// <summary>Whether <paramref name="deviceId"/> is 8–128 letters, digits, '-', '_', '.' or ':'.</summary>
    public static bool IsValidDevice(string? deviceId) => deviceId is not null && DeviceFormat().IsMatch(deviceId);

    /// <summary>The id of the report <paramref name="clientRequestId"/> of <paramref name="deviceId"/>.</summary>
    public static Guid Report(string deviceId, Guid clientRequestId) => NameBasedIds.For($"citizen-report:{deviceId}", clientRequestId);

    /// <summary>The id of the SOS session (and of its call) <paramref name="clientRequestId"/> of <paramref name="deviceId"/>.</summary>
    public static Guid Sos(string deviceId, Guid clientRequestId) => NameBasedIds.For($"citizen-sos:{deviceId}", clientRequestId);

    /// <summary>How an SOS call names its caller where a kiosk call names its kiosk (logs, the waiting list, media legs).</summary>
    public static string Caller(Guid sessionId) => $"citizen-{sessionId:N}";

    [GeneratedRegex("^[A-Za-z0-9_.:-]{8,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex DeviceFormat();
}
