using System.ComponentModel;

namespace Sos.Silo.CitizenApi;

/// <summary>A phone's fix as the app sends it.</summary>
public sealed record LocationBody(
    [property: Description("WGS 84 latitude in degrees.")] double? Latitude,
    [property: Description("WGS 84 longitude in degrees.")] double? Longitude,
    [property: Description("The radius it may be off by, in metres.")] double? Accuracy,
    [property: Description("gnss, wifi, cell or manual.")] string? Method,
    [property: Description("When the phone took the fix (RFC 3339).")] DateTimeOffset? FixAt);

/// <summary>A file declared with a report.</summary>
public sealed record AttachmentBody(
    [property: Description("image/jpeg, image/png, image/heic, image/webp, video/mp4, video/quicktime, video/webm, audio/mpeg, audio/mp4, audio/ogg or audio/webm.")] string? ContentType,
    [property: Description("Its size in bytes: a photo or voice message up to 10 MB, a video up to 100 MB.")] long? Size,
    [property: Description("The SHA-256 of its bytes, 64 lower-case hex digits.")] string? Sha256);

/// <summary>The body of <c>POST /api/citizen/v1/reports</c>.</summary>
public sealed record ReportBody(
    [property: Description("A UUID the app makes for this report; a retry carries the same and gets the same report.")] Guid? ClientRequestId,
    [property: Description("The phone's own id, 8–128 letters, digits, '-', '_', '.' or ':'; kept for anonymous reports too.")] string? DeviceId,
    [property: Description("What it is about: 1–40 lower-case letters, digits or '-'.")] string? Category,
    [property: Description("What happened, at most 4000 characters (or leave it out and attach files).")] string? Text,
    [property: Description("When it happened (RFC 3339), if known.")] DateTimeOffset? OccurredAt,
    [property: Description("Where it happened, if known.")] LocationBody? Location,
    [property: Description("True to stay unnamed to the police: then no name or phone.")] bool? Anonymous,
    [property: Description("The citizen's name (a registered user).")] string? Name,
    [property: Description("The citizen's phone number, digits with '+' first if international.")] string? Phone,
    [property: Description("ru, kk or en: the language to answer in (ru when left out).")] string? Language,
    [property: Description("The files that will follow, at most 5.")] IReadOnlyList<AttachmentBody>? Attachments);

/// <summary>One declared file of a report and where to upload it.</summary>
public sealed record AttachmentView(
    [property: Description("Its number within the report, from 1.")] int AttachmentId,
    [property: Description("Where to PUT its bytes, with its Content-Type.")] string Upload,
    [property: Description("Whether its bytes are stored.")] bool Stored);

/// <summary>A report as the app follows it.</summary>
public sealed record ReportView(
    [property: Description("The report's id.")] Guid ReportId,
    [property: Description("received, claimed or closed.")] string Status,
    [property: Description("When Sos received it.")] DateTimeOffset ReceivedAt,
    [property: Description("Its files, and where to upload those not stored yet.")] IReadOnlyList<AttachmentView> Attachments,
    [property: Description("What the citizen has been told, in order (the status stream's events).")] IReadOnlyList<StatusEventView> Events);

/// <summary>One thing the citizen is told: an event of the status stream.</summary>
public sealed record StatusEventView(
    [property: Description("Its number, from 1, gapless: the stream's event id (send it back as Last-Event-ID to resume).")] int Sequence,
    [property: Description("When.")] DateTimeOffset At,
    [property: Description("accepted, operator-joined, message, incident, patrol-dispatched, on-scene, incident-closed, cancelled or closed.")] string Kind,
    [property: Description("The operator's message, the incident's number, or the public note.")] string? Text,
    [property: Description("For patrol-dispatched: about how many minutes the patrol needs to arrive, when known.")] int? EtaMinutes);

/// <summary>What Sos answers a stored file.</summary>
public sealed record AttachmentStored(
    [property: Description("Its number within the report.")] int AttachmentId,
    [property: Description("The SHA-256 of the bytes stored.")] string Sha256,
    [property: Description("Its size in bytes.")] long Size);

/// <summary>The body of <c>POST /api/citizen/v1/sos</c>.</summary>
public sealed record SosBody(
    [property: Description("A UUID the app makes for this SOS; a retry carries the same and gets the same session.")] Guid? ClientRequestId,
    [property: Description("The phone's own id, 8–128 letters, digits, '-', '_', '.' or ':'; kept for anonymous calls too.")] string? DeviceId,
    [property: Description("The registered citizen's name.")] string? Name,
    [property: Description("The citizen's phone number, digits with '+' first if international.")] string? Phone,
    [property: Description("True to stay unnamed to the police: then no name or phone.")] bool? Anonymous,
    [property: Description("True when the citizen cannot speak: the operator is told to chat, and the call is more urgent.")] bool? Silent,
    [property: Description("What it is about, if the app asked: 1–40 lower-case letters, digits or '-'.")] string? Category,
    [property: Description("The phone's fix, if it has one yet.")] LocationBody? Location,
    [property: Description("ru, kk or en (ru when left out).")] string? Language,
    [property: Description("The battery in per cent, 0–100.")] int? Battery,
    [property: Description("True when the citizen shares their camera (a video call); false for voice only.")] bool? Video);

/// <summary>A new fix of an SOS's phone.</summary>
public sealed record SosLocationBody(
    [property: Description("WGS 84 latitude in degrees.")] double? Latitude,
    [property: Description("WGS 84 longitude in degrees.")] double? Longitude,
    [property: Description("The radius it may be off by, in metres.")] double? Accuracy,
    [property: Description("gnss, wifi, cell or manual.")] string? Method,
    [property: Description("When the phone took the fix (RFC 3339).")] DateTimeOffset? FixAt,
    [property: Description("The battery in per cent, 0–100, if known.")] int? Battery);

/// <summary>A chat message from the citizen.</summary>
public sealed record ChatBody(
    [property: Description("What the citizen writes, up to 2000 characters (may be left out when files are sent).")] string? Text,
    [property: Description("Files declared with POST …/attachments, sent with this message.")] IReadOnlyList<int>? AttachmentIds);

/// <summary>One message of an SOS chat.</summary>
public sealed record ChatMessageView(
    [property: Description("Its number in the chat, from 1.")] int Sequence,
    [property: Description("When Sos received it.")] DateTimeOffset At,
    [property: Description("citizen or operator.")] string From,
    [property: Description("What was written.")] string Text,
    [property: Description("The files sent with it.")] IReadOnlyList<int> AttachmentIds);

/// <summary>An SOS session as the app follows it.</summary>
public sealed record SessionView(
    [property: Description("The session's id (its call has the same id).")] Guid SessionId,
    [property: Description("waiting, connected, ended or cancelled.")] string Status,
    [property: Description("When Sos received the SOS.")] DateTimeOffset StartedAt,
    [property: Description("Only in the answer to POST /sos (and its retries): send it as 'Authorization: Bearer <secret>' with every later request of the session.")] string? Secret,
    [property: Description("Parts of the SOS Sos could not use (it rings all the same), in words.")] IReadOnlyList<string> Ignored,
    [property: Description("What the citizen has been told, in order (the status stream's events).")] IReadOnlyList<StatusEventView> Events,
    [property: Description("The chat, oldest first.")] IReadOnlyList<ChatMessageView> Chat,
    [property: Description("True while the police still work the incident the call is about: the status stream goes on after the call, until the incident-closed event.")] bool Following);

/// <summary>The body of <c>POST /api/citizen/v1/devices/{deviceId}/phone-verification</c>.</summary>
public sealed record PhoneVerificationBody(
    [property: Description("The citizen's phone number, 5–20 digits with '+' first if international.")] string? Phone,
    [property: Description("ru, kk or en: the language of the SMS (ru when left out).")] string? Language);

/// <summary>A code on its way by SMS.</summary>
public sealed record PhoneVerificationView(
    [property: Description("The number the code was sent to.")] string Phone,
    [property: Description("Until when the code may be confirmed.")] DateTimeOffset ExpiresAt,
    [property: Description("When another code may be asked for.")] DateTimeOffset ResendAfter);

/// <summary>The body of <c>POST …/phone-verification/confirm</c>.</summary>
public sealed record PhoneCodeBody(
    [property: Description("The 6 digits the SMS brought.")] string? Code);

/// <summary>A verified phone.</summary>
public sealed record PhoneVerifiedView(
    [property: Description("The number the device proved: its SOS calls and reports from it are marked verified.")] string Phone,
    [property: Description("Always true.")] bool Verified);
