using System.Text.RegularExpressions;

namespace Sos.Grains.Abstractions;

/// <summary>
/// What a citizen report must hold, and the limits of its files (as the 102 app has them: at most 5 files, a photo up
/// to 10 MB, a video up to 100 MB; a voice message up to 10 MB).
/// </summary>
public static partial class CitizenReportRules
{
    /// <summary>The most files one report may carry.</summary>
    public const int MaxAttachments = 5;

    /// <summary>The largest photo.</summary>
    public const long MaxPhotoBytes = 10L * 1024 * 1024;

    /// <summary>The largest video.</summary>
    public const long MaxVideoBytes = 100L * 1024 * 1024;

    /// <summary>The largest voice message.</summary>
    public const long MaxAudioBytes = 10L * 1024 * 1024;

    /// <summary>The longest text.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>The file types a report may carry, photos, videos and voice messages.</summary>
    public static readonly IReadOnlySet<string> ContentTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "image/jpeg", "image/png", "image/heic", "image/webp",
        "video/mp4", "video/quicktime", "video/webm",
        "audio/mpeg", "audio/mp4", "audio/ogg", "audio/webm",
    };

    /// <summary>The largest file of <paramref name="contentType"/>.</summary>
    public static long MaxBytes(string contentType) => contentType.StartsWith("video/", StringComparison.Ordinal) ? MaxVideoBytes
        : contentType.StartsWith("audio/", StringComparison.Ordinal) ? MaxAudioBytes : MaxPhotoBytes;

    /// <summary>Whether <paramref name="value"/> is a SHA-256 in 64 lower-case hex digits.</summary>
    public static bool IsSha256(string? value) => value is not null && Sha256Format().IsMatch(value);

    /// <summary>Whether <paramref name="category"/> is 1–40 lower-case letters, digits or '-'.</summary>
    public static bool IsCategory(string? category) => category is not null && CategoryFormat().IsMatch(category);

    /// <summary>Whether <paramref name="name"/> is 1–200 printable characters.</summary>
    public static bool IsName(string name) => name.Trim().Length is > 0 and <= 200 && !name.Any(char.IsControl);

    /// <summary>Whether <paramref name="phone"/> is 5–20 digits, '+' first if international.</summary>
    public static bool IsPhone(string phone) => PhoneFormat().IsMatch(phone);

    /// <summary>What <paramref name="submission"/> lacks or has out of range, in words; empty when it may be received.</summary>
    public static IReadOnlyList<string> Problems(CitizenReportSubmission submission, DateTimeOffset now)
    {
        var problems = new List<string>();
        if (!CitizenIds.IsValidDevice(submission.DeviceId))
        {
            problems.Add("\"deviceId\" of 8–128 letters, digits, '-', '_', '.' or ':'");
        }

        if (submission.ClientRequestId == Guid.Empty)
        {
            problems.Add("\"clientRequestId\": a UUID the app makes for the report");
        }

        if (!IsCategory(submission.Category))
        {
            problems.Add("\"category\" of 1–40 lower-case letters, digits or '-'");
        }

        var attachments = submission.Attachments.IsDefault ? [] : submission.Attachments;
        if (string.IsNullOrWhiteSpace(submission.Text) && attachments.IsEmpty)
        {
            problems.Add("\"text\", or at least one attachment");
        }

        if (submission.Text?.Length > MaxTextLength)
        {
            problems.Add($"\"text\" of at most {MaxTextLength} characters");
        }

        if (submission.Anonymous && (submission.Name is not null || submission.Phone is not null))
        {
            problems.Add("no \"name\" or \"phone\" when \"anonymous\" is true");
        }

        if (submission.Name is { } name && !IsName(name))
        {
            problems.Add("a \"name\" of 1–200 printable characters");
        }

        if (submission.Phone is { } phone && !IsPhone(phone))
        {
            problems.Add("a \"phone\" of 5–20 digits, '+' first if international");
        }

        if (!Languages.IsSupported(submission.Language))
        {
            problems.Add($"a \"language\" of {string.Join(", ", Languages.All)}");
        }

        if (submission.OccurredAt is { } when && when > now + TimeSpan.FromMinutes(5))
        {
            problems.Add("an \"occurredAt\" that is not in the future");
        }

        if (submission.Location is { } at)
        {
            problems.AddRange(LocationProblems(at, now));
        }

        if (attachments.Length > MaxAttachments)
        {
            problems.Add($"at most {MaxAttachments} attachments");
        }

        foreach (var file in attachments)
        {
            problems.AddRange(AttachmentProblems(file));
        }

        return problems;
    }

    /// <summary>What a declared file (of a report or an SOS chat) has out of range: its type, size or hash.</summary>
    public static IEnumerable<string> AttachmentProblems(AttachmentDeclaration file)
    {
        if (file.ContentType is not { } type || !ContentTypes.Contains(type))
        {
            yield return $"attachments of {string.Join(", ", ContentTypes.Order(StringComparer.Ordinal))} (not '{file.ContentType}')";
        }
        else if (file.Size <= 0 || file.Size > MaxBytes(type))
        {
            yield return $"a {type} attachment of 1 byte to {MaxBytes(type) / (1024 * 1024)} MB (not {file.Size} bytes)";
        }

        if (!IsSha256(file.Sha256))
        {
            yield return "each attachment's \"sha256\" in 64 lower-case hex digits";
        }
    }

    /// <summary>What a phone's fix lacks or has out of range.</summary>
    public static IEnumerable<string> LocationProblems(CitizenLocation at, DateTimeOffset now)
    {
        if (!Geo.IsOnEarth(at.Latitude, at.Longitude))
        {
            yield return "a \"location\" with a latitude from -90 to 90 and a longitude from -180 to 180";
        }

        if (!double.IsFinite(at.AccuracyMeters) || at.AccuracyMeters < 0 || at.AccuracyMeters > 100_000)
        {
            yield return "a \"location.accuracy\" from 0 to 100000 metres";
        }

        if (!CitizenLocation.Methods.Contains(at.Method))
        {
            yield return $"a \"location.method\" of {string.Join(", ", CitizenLocation.Methods)}";
        }

        if (at.FixAt > now + TimeSpan.FromMinutes(5))
        {
            yield return "a \"location.fixAt\" that is not in the future";
        }
    }

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Format();

    [GeneratedRegex("^[a-z0-9-]{1,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex CategoryFormat();

    [GeneratedRegex(@"^\+?[0-9]{5,20}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneFormat();
}
