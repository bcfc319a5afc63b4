namespace Sos.Grains.Abstractions;

/// <summary>A file a citizen will upload with a report, declared up front so the upload can be checked.</summary>
/// <param name="AttachmentId">Names the file within its report (made by Sos: the n-th declared file).</param>
/// <param name="ContentType">Its media type, such as <c>image/jpeg</c> or <c>video/mp4</c>.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Sha256">The SHA-256 of its bytes, 64 lower-case hex digits.</param>
[GenerateSerializer, Immutable, Alias("Sos.AttachmentDeclaration")]
public sealed record AttachmentDeclaration(
    [property: Id(0)] int AttachmentId,
    [property: Id(1)] string ContentType,
    [property: Id(2)] long Size,
    [property: Id(3)] string Sha256);
