using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Sos.Grains.Abstractions;
using Sos.Grains.Citizens;
using Sos.Grains.Media;
using Sos.Silo.DeviceApi;

namespace Sos.Silo.CitizenApi;

/// <summary>
/// Citizen API v1 (<c>/api/citizen/v1</c>): what the 102 app, and any other state app, sends for a citizen. One model
/// whichever app sent it; every create is idempotent by an id the app makes, as a kiosk's press is. This first part
/// takes non-emergency reports with their files; the files are checked against what was declared and kept as
/// evidence (never overwritten). Served beside the device API by every host that serves it; its OpenAPI document is
/// <c>/openapi/citizen-v1.json</c>.
/// </summary>
public static partial class CitizenApiEndpoints
{
    /// <summary>The path every citizen API endpoint starts with.</summary>
    public const string Prefix = "/api/citizen/v1";

    /// <summary>The OpenAPI document's name.</summary>
    public const string DocumentName = "citizen-v1";

    /// <summary>How often a status stream looks for new events.</summary>
    public static readonly TimeSpan StatusPollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest report body (the files come apart).</summary>
    public const int MaxReportBytes = 64 * 1024;

    /// <summary>Options from <c>Sos:Citizen</c> (read by the hosts that serve the API) and the OpenAPI document.</summary>
    public static IServiceCollection AddSosCitizenApi(this IServiceCollection services)
    {
        services.AddOptions<CitizenOptions>().BindConfiguration(CitizenOptions.Section).PostConfigure<Microsoft.Extensions.Configuration.IConfiguration>((o, configuration) =>
            o.SmsOutbox = Path.GetFullPath(o.SmsOutbox is { Length: > 0 } directory ? directory : Path.Combine(configuration["Sos:DataDirectory"] is { Length: > 0 } data ? data : "data", "sms-outbox")));
        services.TryAddSingleton<ISmsGateway, OutboxSmsGateway>();
        services.AddOpenApi(DocumentName, options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Sos citizen API",
                Version = "v1",
                Description =
                    "What citizens' apps (the 102 app, other state apps) send to the operations centre. Every create carries a " +
                    "clientRequestId the app makes: the same one again gets the same item, so retry freely after a timeout or a 503. " +
                    "Every error is application/problem+json with a machine-readable 'reason'. A report declares its files (type, " +
                    "size, SHA-256) and then uploads each with PUT; a file whose bytes do not match its declaration is refused and " +
                    "nothing is kept of it.",
            };
            return Task.CompletedTask;
        }));
        return services;
    }

    /// <summary>Maps the citizen API under <c>/api/citizen/v1</c>.</summary>
    public static IEndpointRouteBuilder MapSosCitizenApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Prefix)
            .WithTags("Citizen")
            .WithGroupName(DocumentName)
            .AllowAnonymous() // citizens have no account: a report's id, made from the device and the app's own id, is what names it
            .AddEndpointFilter<DeviceApiExceptionFilter>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapPost("/reports", SubmitAsync)
            .WithName("SubmitReport")
            .WithSummary("Send a non-emergency report, with the files that will follow declared")
            .WithDescription(
                "Answered 202 once the report is durable, with its id and where to upload each declared file. The same deviceId and " +
                "clientRequestId again return the same report; other contents under the same clientRequestId are a 409 " +
                "client-request-reused. Reports wait in the centre's reports inbox: they are not rung like calls.")
            .Accepts<ReportBody>("application/json")
            .Produces<ReportView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapGet("/reports/{reportId}", GetAsync)
            .WithName("GetReport")
            .WithSummary("Follow a report: its status and which files are stored")
            .Produces<ReportView>(StatusCodes.Status200OK);

        api.MapGet("/reports/{reportId}/events", EventsAsync)
            .WithName("FollowReport")
            .WithSummary("The report's status as a server-sent-events stream")
            .WithDescription(
                "Each event is one thing the citizen is told (accepted, operator-joined, message, incident, patrol-dispatched with etaMinutes when known, on-scene, " +
                "incident-closed, closed), its id the event's " +
                "sequence number. Reconnect with Last-Event-ID (or ?after=N) to resume after the last event seen: nothing is lost or " +
                "repeated. The stream ends after the closed event.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");

        api.MapPut("/reports/{reportId}/attachments/{attachmentId:int}", UploadAsync)
            .WithName("UploadAttachment")
            .WithSummary("Upload one declared file: its bytes as the body, with its declared Content-Type")
            .WithDescription(
                "201 when stored, 200 when it was stored already (a retry). The bytes must have the declared type, size and SHA-256, " +
                "or the upload is refused (400 attachment-mismatch) and nothing is kept; upload again. Stored files are evidence: " +
                "kept with their hash, never overwritten.")
            .Produces<AttachmentStored>(StatusCodes.Status201Created)
            .Produces<AttachmentStored>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        MapSos(api);
        MapPhoneVerification(api);
        return endpoints;
    }

    private static async Task<IResult> SubmitAsync(HttpContext context, IGrainFactory grains, IOptions<CitizenOptions> citizen, IOptions<DeviceApiOptions> options)
    {
        var (body, problem) = await DeviceApiBody.ReadAsync<ReportBody>(context.Request, MaxReportBytes);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.ClientRequestId is not { } requestId || requestId == Guid.Empty || !CitizenIds.IsValidDevice(body.DeviceId))
        {
            return DeviceApiProblems.BadRequest("report-invalid", "A report needs \"clientRequestId\" (a UUID the app makes) and \"deviceId\" (8–128 letters, digits, '-', '_', '.' or ':').");
        }

        var location = body.Location is { } at
            ? new CitizenLocation(at.Latitude ?? double.NaN, at.Longitude ?? double.NaN, at.Accuracy ?? double.NaN, at.Method ?? string.Empty, at.FixAt ?? DateTimeOffset.MinValue)
            : null;
        var submission = new CitizenReportSubmission(
            body.DeviceId!, requestId, body.Category ?? string.Empty, body.Text?.Trim() ?? string.Empty, body.OccurredAt, location, body.Anonymous ?? false,
            body.Name, body.Phone, body.Language ?? Languages.Russian,
            [.. (body.Attachments ?? []).Select((a, i) => new AttachmentDeclaration(i + 1, a.ContentType ?? string.Empty, a.Size ?? 0, a.Sha256 ?? string.Empty))]);
        var reportId = CitizenIds.Report(submission.DeviceId, requestId);
        var report = await grains.GetCitizenReport(reportId).SubmitAsync(submission, citizen.Value.CentreId).WaitAsync(options.Value.RequestTimeout, context.RequestAborted);
        return TypedResults.Accepted($"{Prefix}/reports/{reportId}", ViewOf(report));
    }

    private static async Task<IResult> GetAsync(string reportId, HttpContext context, IGrainFactory grains, IOptions<DeviceApiOptions> options)
    {
        if (!Guid.TryParse(reportId, out var id) || id == Guid.Empty)
        {
            return DeviceApiProblems.BadRequest("report-id-invalid", "A report id is the UUID its submission answered with.");
        }

        var report = await grains.GetCitizenReport(id).GetAsync().WaitAsync(options.Value.RequestTimeout, context.RequestAborted);
        return report.Exists ? TypedResults.Ok(ViewOf(report)) : Unknown(id);
    }

    private static async Task<IResult> EventsAsync(string reportId, HttpContext context, IGrainFactory grains, IOptions<DeviceApiOptions> options)
    {
        if (!Guid.TryParse(reportId, out var id) || id == Guid.Empty)
        {
            return DeviceApiProblems.BadRequest("report-id-invalid", "A report id is the UUID its submission answered with.");
        }

        if (ResumeAfter(context) is not { } after)
        {
            return DeviceApiProblems.BadRequest("last-event-id-invalid", "Last-Event-ID (or ?after=) is the number of the last event seen.");
        }

        var grain = grains.GetCitizenReport(id);
        var report = await grain.GetAsync().WaitAsync(options.Value.RequestTimeout, context.RequestAborted);
        return report.Exists
            ? TypedResults.ServerSentEvents(FollowEventsAsync(async () => { var now = await grain.GetAsync(); return (now.Events, now.Status == CitizenReportStatus.Closed); }, after, context.RequestAborted))
            : Unknown(id);
    }

    /// <summary>
    /// What the citizen is told after <paramref name="after"/>, as it comes (read every <see cref="StatusPollInterval"/>),
    /// until <paramref name="read"/> says the item is over: a report's or an SOS's status stream.
    /// </summary>
    private static async IAsyncEnumerable<System.Net.ServerSentEvents.SseItem<StatusEventView>> FollowEventsAsync(
        Func<Task<(System.Collections.Immutable.ImmutableArray<CitizenStatusEvent> Events, bool Over)>> read, int after,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var last = after;
        while (!cancellationToken.IsCancellationRequested)
        {
            var (events, over) = await read();
            foreach (var told in events.Where(e => e.Sequence > last))
            {
                last = told.Sequence;
                yield return new System.Net.ServerSentEvents.SseItem<StatusEventView>(ViewOf(told), told.Kind) { EventId = told.Sequence.ToString(CultureInfo.InvariantCulture) };
            }

            if (over)
            {
                yield break;
            }

            try
            {
                await Task.Delay(StatusPollInterval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The citizen's app went away; it resumes with Last-Event-ID.
            }
        }
    }

    private static async Task<IResult> UploadAsync(
        string reportId, int attachmentId, HttpContext context, IGrainFactory grains, IOptions<DeviceApiOptions> options, IOptions<MediaOptions> media, ILoggerFactory loggers)
    {
        var timeout = options.Value.RequestTimeout;
        if (!Guid.TryParse(reportId, out var id) || id == Guid.Empty)
        {
            return DeviceApiProblems.BadRequest("report-id-invalid", "A report id is the UUID its submission answered with.");
        }

        var report = await grains.GetCitizenReport(id).GetAsync().WaitAsync(timeout, context.RequestAborted);
        if (!report.Exists)
        {
            return Unknown(id);
        }

        if (report.Attachments.FirstOrDefault(a => a.Declared.AttachmentId == attachmentId) is not { } attachment)
        {
            return DeviceApiProblems.Problem(StatusCodes.Status404NotFound, "attachment-unknown", $"Report {id} declared no attachment {attachmentId}: its attachments are 1 to {report.Attachments.Length}.");
        }

        var declared = attachment.Declared;
        if (attachment.StoredAt is not null)
        {
            return TypedResults.Ok(new AttachmentStored(attachmentId, declared.Sha256, declared.Size));
        }

        var relative = Path.Combine("citizen", report.ReceivedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), id.ToString("N"), $"{attachmentId}{Extension(declared.ContentType)}");
        return await StoreAsync(
            context, declared, relative, $"report {id}", () => grains.GetCitizenReport(id).AttachmentStoredAsync(attachmentId, relative).WaitAsync(timeout, context.RequestAborted),
            $"{Prefix}/reports/{id}/attachments/{attachmentId}", options.Value, media.Value, loggers);
    }

    /// <summary>
    /// Stores the request body as the declared file at <paramref name="relative"/> in the evidence directory, once: checked
    /// against its type, size and SHA-256 while it streams to a temporary file, then moved into place (never overwritten),
    /// then <paramref name="record"/> tells its owner. Anything that does not match is refused and nothing is kept.
    /// </summary>
    private static async Task<IResult> StoreAsync(
        HttpContext context, AttachmentDeclaration declared, string relative, string owner, Func<Task> record, string location,
        DeviceApiOptions options, MediaOptions media, ILoggerFactory loggers)
    {
        var attachmentId = declared.AttachmentId;
        if (!string.Equals(context.Request.ContentType?.Split(';')[0].Trim(), declared.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return DeviceApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "attachment-mismatch", $"Attachment {attachmentId} was declared as {declared.ContentType}: send it with that Content-Type.");
        }

        if (context.Request.ContentLength is { } length && length != declared.Size)
        {
            return DeviceApiProblems.BadRequest("attachment-mismatch", $"Attachment {attachmentId} was declared as {declared.Size} bytes, not {length}.");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = declared.Size + 1;
        }

        var final = Path.Combine(media.EvidenceRoot, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        var temporary = $"{final}.{Guid.NewGuid():N}.part";
        try
        {
            var (size, sha256, tooLarge) = await CopyAsync(context, temporary, declared.Size);
            if (tooLarge || size != declared.Size || sha256 != declared.Sha256)
            {
                File.Delete(temporary);
                return DeviceApiProblems.BadRequest("attachment-mismatch", tooLarge
                    ? $"Attachment {attachmentId} is larger than the {declared.Size} bytes declared; nothing was kept."
                    : $"Attachment {attachmentId} does not match its declaration ({size} bytes with SHA-256 {sha256}; declared {declared.Size} bytes with {declared.Sha256}); nothing was kept.");
            }

            // Evidence is written once: a file already there (an earlier upload whose answer was lost) is the same bytes,
            // for its name says which declared file it is and its declaration fixes the bytes.
            if (File.Exists(final))
            {
                File.Delete(temporary);
            }
            else
            {
                File.Move(temporary, final);
            }
        }
        catch (Exception exception) when (exception is IOException or BadHttpRequestException or OperationCanceledException)
        {
            TryDelete(temporary);
            if (context.RequestAborted.IsCancellationRequested)
            {
                return Results.Empty;
            }

            loggers.CreateLogger(typeof(CitizenApiEndpoints)).LogWarning(exception, "Attachment {AttachmentId} of {Owner} could not be stored", attachmentId, owner);
            return exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
                ? DeviceApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "body-too-large", $"Attachment {attachmentId} is larger than the {declared.Size} bytes declared.")
                : DeviceApiProblems.Unavailable(context, options.RetryAfterSeconds, $"Attachment {attachmentId} could not be stored now; upload it again after Retry-After.");
        }

        await record();
        return TypedResults.Created(location, new AttachmentStored(attachmentId, declared.Sha256, declared.Size));
    }

    /// <summary>Copies the body to <paramref name="path"/>, hashing it; stops reading beyond <paramref name="declared"/> bytes.</summary>
    private static async Task<(long Size, string Sha256, bool TooLarge)> CopyAsync(HttpContext context, string path, long declared)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long size = 0;
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                size += read;
                if (size > declared)
                {
                    return (size, string.Empty, true);
                }

                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
            }

            await file.FlushAsync(context.RequestAborted);
        }

        return (size, Convert.ToHexStringLower(hash.GetHashAndReset()), false);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left behind as a .part file, which is never evidence.
        }
    }

    private static string Extension(string contentType) => contentType switch
    {
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        "image/heic" => ".heic",
        "image/webp" => ".webp",
        "video/mp4" => ".mp4",
        "video/quicktime" => ".mov",
        "video/webm" => ".webm",
        "audio/mpeg" => ".mp3",
        "audio/mp4" => ".m4a",
        "audio/ogg" => ".ogg",
        "audio/webm" => ".weba",
        _ => ".bin",
    };

    private static IResult Unknown(Guid id) =>
        DeviceApiProblems.Problem(StatusCodes.Status404NotFound, "report-unknown", $"No report {id} was received.");

    private static ReportView ViewOf(CitizenReportSnapshot report) => new(
        report.ReportId,
        report.Status.ToString().ToLowerInvariant(),
        report.ReceivedAt,
        [.. report.Attachments.Select(a => new AttachmentView(a.Declared.AttachmentId, $"{Prefix}/reports/{report.ReportId}/attachments/{a.Declared.AttachmentId}", a.StoredAt is not null))],
        [.. report.Events.Select(ViewOf)]);

    private static StatusEventView ViewOf(CitizenStatusEvent e) => new(e.Sequence, e.At, e.Kind, e.Text, e.EtaMinutes);
}
