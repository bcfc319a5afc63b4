namespace Sos.Grains.Abstractions;

/// <summary>One citizen report, keyed by <see cref="CitizenIds.Report"/> of its device and client request id.</summary>
public interface ICitizenReportGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Receives the report, into the inbox of <paramref name="centreId"/>. The same submission again returns it as it
    /// is; a different one under the same client request id is refused (<c>client-request-reused</c>); a submission
    /// that breaks <see cref="CitizenReportRules"/> is refused with what it needs (<c>report-invalid</c>).
    /// </summary>
    Task<CitizenReportSnapshot> SubmitAsync(CitizenReportSubmission submission, string centreId);

    /// <summary>The report (<see cref="CitizenReportSnapshot.Exists"/> false when none was received).</summary>
    Task<CitizenReportSnapshot> GetAsync();

    /// <summary>
    /// Records that the bytes of attachment <paramref name="attachmentId"/> are stored at <paramref name="path"/>
    /// (checked against its declaration by whoever stored them). Recording it again changes nothing.
    /// </summary>
    Task<CitizenReportSnapshot> AttachmentStoredAsync(int attachmentId, string path);

    /// <summary>A dispatcher takes the report from the inbox (the citizen is told an operator has it); again changes nothing.</summary>
    Task<CitizenReportSnapshot> ClaimAsync(string actor);

    /// <summary>A dispatcher's message to the citizen (at most 2000 characters).</summary>
    Task<CitizenReportSnapshot> ReplyAsync(string text, string actor);

    /// <summary>
    /// Opens an incident from the report (source citizen app, where the report says it happened, its text as the first
    /// note) and tells the citizen its number; once only.
    /// </summary>
    Task<CitizenReportSnapshot> OpenIncidentAsync(string actor);

    /// <summary>Closes the report with a public note the citizen reads; it leaves the inbox.</summary>
    Task<CitizenReportSnapshot> CloseAsync(string publicNote, string actor);

    /// <summary>
    /// The incident opened from the report moved (one way, from the incident): the citizen is told each patrol sent,
    /// the first on the scene and its end, each once. An incident closed with a public note closes the report with it.
    /// </summary>
    Task IncidentMovedAsync(IncidentProgress progress);
}
