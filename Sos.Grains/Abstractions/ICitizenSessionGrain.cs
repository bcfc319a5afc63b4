using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>
/// One citizen SOS, keyed by <see cref="CitizenIds.Sos"/> of its device and client request id: the citizen's side of
/// the SOS call of the same id, as a kiosk is the caller's side of its presses. It opens the call, owns the trail of
/// fixes, the chat and what the citizen is told, and hears from the call when it is answered and when it ends.
/// Requests from the phone carry the session's secret; the API checks it with <see cref="GetAsync"/>.
/// </summary>
public interface ICitizenSessionGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Starts the SOS into the routing queue of <paramref name="centreId"/> (written, with its call, before it
    /// returns). The same request again returns the session as it is; another one under the same client request id is
    /// refused (<c>client-request-reused</c>). An SOS is never refused for what it says: a part Sos cannot use (a fix
    /// off the earth, a malformed phone) is left out and listed in <see cref="CitizenSessionSnapshot.Ignored"/>.
    /// </summary>
    Task<CitizenSessionSnapshot> StartAsync(CitizenSosRequest request, string centreId);

    /// <summary>The session (<see cref="CitizenSessionSnapshot.Exists"/> false when no SOS opened it).</summary>
    Task<CitizenSessionSnapshot> GetAsync();

    /// <summary>A new fix from the phone (and its battery); the previous one joins the trail. Refused when out of range (<c>location-invalid</c>).</summary>
    Task<CitizenSessionSnapshot> LocateAsync(CitizenLocation location, int? battery);

    /// <summary>
    /// A chat message from the citizen (up to 2000 characters), with files declared before
    /// (<see cref="DeclareAttachmentAsync"/>); text, files or both. Refused when empty or naming an undeclared file
    /// (<c>message-invalid</c>).
    /// </summary>
    Task<CitizenSessionSnapshot> SayAsync(string text, ImmutableArray<int> attachmentIds = default);

    /// <summary>
    /// Declares a file the citizen will send in the chat (a photo, a video, a voice message; type, size and SHA-256 up
    /// front, with a report's limits; at most <see cref="CitizenCaller.MaxAttachments"/>), returned with its number. The
    /// same file again returns the one declared. Refused when out of range (<c>attachment-invalid</c>).
    /// </summary>
    Task<AttachmentDeclaration> DeclareAttachmentAsync(string contentType, long size, string sha256);

    /// <summary>Records that the bytes of file <paramref name="attachmentId"/> are kept at <paramref name="path"/> (checked by whoever stored them); again changes nothing.</summary>
    Task<CitizenSessionSnapshot> AttachmentStoredAsync(int attachmentId, string path);

    /// <summary>A chat message from the dispatcher <paramref name="actor"/>; the citizen is told.</summary>
    Task<CitizenSessionSnapshot> ReplyAsync(string text, string actor);

    /// <summary>The citizen hangs up: before an answer the call is abandoned (and called back), after it the operator is told.</summary>
    Task<CitizenSessionSnapshot> CancelAsync();

    /// <summary>The call moved (one way, from the call): answered, or over.</summary>
    Task CallMovedAsync(CallStatus status);

    /// <summary>
    /// The incident the call is about moved (one way, from the incident): the citizen is told its number, each patrol
    /// sent, the first on the scene and its end, each once; this goes on after the call has ended, until the incident does.
    /// </summary>
    Task IncidentMovedAsync(IncidentProgress progress);
}
