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
}
