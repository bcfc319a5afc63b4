using Sos.Console.Services;
using Sos.Grains.Abstractions;

namespace Sos.Console.Hosting;

/// <summary>
/// A call's evidence for the people who may read history: its playable recording (with range requests, so the player
/// can seek) and every file its manifest lists, as downloads. Only files the manifest lists are served.
/// </summary>
public static class EvidenceEndpoints
{
    /// <summary>Maps <c>/history/recording/{callId}</c> and <c>/history/evidence/{callId}/{path}</c>.</summary>
    public static IEndpointRouteBuilder MapEvidence(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/history").RequireAuthorization(policy => policy.RequireRole(SosRoles.Dispatcher, SosRoles.Supervisor));
        group.MapGet("/recording/{callId:guid}", RecordingAsync);
        group.MapGet("/evidence/{callId:guid}/{**path}", FileAsync);
        endpoints.MapGet("/reports/{reportId:guid}/attachments/{attachmentId:int}", AttachmentAsync)
            .RequireAuthorization(policy => policy.RequireRole(SosRoles.Dispatcher, SosRoles.Supervisor));
        endpoints.MapGet("/calls/{callId:guid}/attachments/{attachmentId:int}", ChatAttachmentAsync)
            .RequireAuthorization(policy => policy.RequireRole(SosRoles.Dispatcher, SosRoles.Supervisor));
        return endpoints;
    }

    /// <summary>Where a call's recording plays from.</summary>
    public static string RecordingUrl(Guid callId) => $"/history/recording/{callId}";

    /// <summary>Where one file of a call's evidence downloads from.</summary>
    public static string FileUrl(Guid callId, string path) => $"/history/evidence/{callId}/{string.Join('/', path.Split('/').Select(Uri.EscapeDataString))}";

    private static async Task<IResult> RecordingAsync(Guid callId, HttpContext http, IClusterClient client, AuditService audit)
    {
        if (await RefusedAsync(callId, http, client) is { } refused)
        {
            return refused;
        }

        var evidence = await client.GetEvidence(callId).GetAsync();
        await ViewedAsync(http, audit, callId, "played the recording");
        // The listening copy (both voices in one track) when there is one: players play one audio track.
        var listening = evidence.Files.FirstOrDefault(f => f.Kind == "listening-copy")?.Path;
        return evidence is { Status: EvidenceStatus.Kept, Directory: { } directory, Recording: { } recording }
            ? Results.File(Path.Combine(directory, listening ?? recording), "video/webm", enableRangeProcessing: true)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No recording", detail: $"Call {callId} has no kept recording.");
    }

    private static async Task<IResult> FileAsync(Guid callId, string path, HttpContext http, IClusterClient client, AuditService audit)
    {
        if (await RefusedAsync(callId, http, client) is { } refused)
        {
            return refused;
        }

        var evidence = await client.GetEvidence(callId).GetAsync();
        if (evidence is not { Status: EvidenceStatus.Kept, Directory: { } directory })
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No evidence", detail: $"Call {callId} has no kept evidence.");
        }

        var listed = path == EvidenceSnapshot.ManifestFile || evidence.Files.Any(f => f.Path == path);
        if (listed)
        {
            await ViewedAsync(http, audit, callId, $"downloaded {path}");
        }

        return listed
            ? Results.File(Path.Combine(directory, path), path.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "application/octet-stream", $"{callId:N}-{Path.GetFileName(path)}")
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not evidence", detail: $"{path} is not a file of call {callId}'s evidence.");
    }

    /// <summary>Where a file of a citizen's report opens from.</summary>
    public static string AttachmentUrl(Guid reportId, int attachmentId) => $"/reports/{reportId}/attachments/{attachmentId}";

    /// <summary>A stored file of a citizen's report of the user's centre, as its declared type; opening it is audited.</summary>
    private static async Task<IResult> AttachmentAsync(Guid reportId, int attachmentId, HttpContext http, CitizenReportService reports, AuditService audit, Microsoft.Extensions.Options.IOptions<Sos.Grains.Media.MediaOptions> media)
    {
        var user = ConsoleUser.From(http.User)!;
        var report = await reports.GetAsync(user, reportId);
        if (report?.Attachments.FirstOrDefault(a => a.Declared.AttachmentId == attachmentId) is not { Path: { } path } attachment)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such file", detail: $"Report {reportId} of your centre has no stored file {attachmentId}.");
        }

        await audit.RecordAsync(new AuditRecord(user.Actor, AuditActions.EvidenceViewed, $"citizen-report:{reportId}", $"opened file {attachmentId} ({attachment.Declared.ContentType}, SHA-256 {attachment.Declared.Sha256})", http.Connection.RemoteIpAddress?.ToString()));
        return Results.File(Path.Combine(media.Value.EvidenceRoot, path), attachment.Declared.ContentType, enableRangeProcessing: true);
    }

    /// <summary>Where a file a citizen sent in an SOS chat opens from.</summary>
    public static string ChatAttachmentUrl(Guid callId, int attachmentId) => $"/calls/{callId}/attachments/{attachmentId}";

    /// <summary>A stored file of a citizen's SOS chat, on a call of the user's centre, as its declared type; opening it is audited.</summary>
    private static async Task<IResult> ChatAttachmentAsync(Guid callId, int attachmentId, HttpContext http, IClusterClient client, AuditService audit, Microsoft.Extensions.Options.IOptions<Sos.Grains.Media.MediaOptions> media)
    {
        if (await RefusedAsync(callId, http, client) is { } refused)
        {
            return refused;
        }

        var files = (await client.GetCall(callId).GetAsync()).Citizen?.Attachments ?? [];
        if ((files.IsDefault ? [] : files).FirstOrDefault(a => a.Declared.AttachmentId == attachmentId) is not { Path: { } path } attachment)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such file", detail: $"Call {callId} has no stored chat file {attachmentId}.");
        }

        var user = ConsoleUser.From(http.User)!;
        await audit.RecordAsync(new AuditRecord(user.Actor, AuditActions.EvidenceViewed, $"call:{callId}", $"opened chat file {attachmentId} ({attachment.Declared.ContentType}, SHA-256 {attachment.Declared.Sha256})", http.Connection.RemoteIpAddress?.ToString()));
        return Results.File(Path.Combine(media.Value.EvidenceRoot, path), attachment.Declared.ContentType, enableRangeProcessing: true);
    }

    /// <summary>A call of another centre is not this user's to see, whatever link they were given.</summary>
    private static async Task<IResult?> RefusedAsync(Guid callId, HttpContext http, IClusterClient client)
    {
        var user = ConsoleUser.From(http.User);
        var call = await client.GetCall(callId).GetAsync();
        return user is not null && call.Exists && call.CentreId == user.CentreId
            ? null
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such call", detail: $"Call {callId} is not one of your centre's calls.");
    }

    /// <summary>
    /// The audit trail says who opened a call's evidence. A player asks for a recording in ranges: only the request
    /// that starts at its beginning counts as playing it.
    /// </summary>
    private static Task ViewedAsync(HttpContext http, AuditService audit, Guid callId, string what)
    {
        var range = http.Request.Headers.Range.ToString();
        if (range.Length > 0 && !range.StartsWith("bytes=0-", StringComparison.Ordinal))
        {
            return Task.CompletedTask;
        }

        var user = ConsoleUser.From(http.User)!;
        return audit.RecordAsync(new AuditRecord(user.Actor, AuditActions.EvidenceViewed, $"call:{callId}", what, http.Connection.RemoteIpAddress?.ToString()));
    }
}
