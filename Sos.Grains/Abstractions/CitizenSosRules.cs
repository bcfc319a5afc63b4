namespace Sos.Grains.Abstractions;

/// <summary>
/// What Sos keeps of a citizen's SOS. An SOS is never refused for what it says (only for having no device or request
/// id, without which a retry could not find it): a part out of range is left out and said, so the call still rings.
/// </summary>
public static class CitizenSosRules
{
    /// <summary>The request with every part Sos cannot use left out (each checked as a report's field is), and what was left out, in words.</summary>
    public static (CitizenSosRequest Kept, IReadOnlyList<string> Ignored) Sanitise(CitizenSosRequest request, DateTimeOffset now)
    {
        var ignored = new List<string>();
        var kept = request with
        {
            Name = request.Name?.Trim() is { Length: > 0 } trimmedName ? trimmedName : null,
            Phone = request.Phone?.Trim() is { Length: > 0 } trimmedPhone ? trimmedPhone : null,
            Category = request.Category?.Trim() is { Length: > 0 } trimmedCategory ? trimmedCategory : null,
        };

        if (kept.Anonymous && (kept.Name is not null || kept.Phone is not null))
        {
            ignored.Add("\"name\" and \"phone\": the SOS is anonymous");
            kept = kept with { Name = null, Phone = null };
        }

        if (kept.Name is { } name && !CitizenReportRules.IsName(name))
        {
            ignored.Add("\"name\": 1–200 printable characters");
            kept = kept with { Name = null };
        }

        if (kept.Phone is { } phone && !CitizenReportRules.IsPhone(phone))
        {
            ignored.Add("\"phone\": 5–20 digits, '+' first if international");
            kept = kept with { Phone = null };
        }

        if (kept.Category is { } category && !CitizenReportRules.IsCategory(category))
        {
            ignored.Add("\"category\": 1–40 lower-case letters, digits or '-'");
            kept = kept with { Category = null };
        }

        if (!Languages.IsSupported(kept.Language))
        {
            ignored.Add($"\"language\": one of {string.Join(", ", Languages.All)} (Russian is used)");
            kept = kept with { Language = Languages.Russian };
        }

        if (kept.Location is { } at && CitizenReportRules.LocationProblems(at, now).ToList() is { Count: > 0 } wrong)
        {
            ignored.Add($"\"location\": {string.Join("; ", wrong)}");
            kept = kept with { Location = null };
        }

        if (kept.Battery is < 0 or > 100)
        {
            ignored.Add("\"battery\": 0–100 per cent");
            kept = kept with { Battery = null };
        }

        return (kept, ignored);
    }
}
