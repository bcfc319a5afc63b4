namespace Sos.Grains.Abstractions;

/// <summary>Where a call's evidence is.</summary>
[GenerateSerializer]
public enum EvidenceStatus
{
    /// <summary>Nothing asked yet.</summary>
    None = 0,

    /// <summary>The media ended; the playable file and manifest are being made (retried until they are).</summary>
    Pending = 1,

    /// <summary>The raw recordings, the playable file and the manifest are kept; the manifest's hash is in the call's timeline.</summary>
    Kept = 2,

    /// <summary>The call's media recorded nothing (no media server, or nobody published).</summary>
    Empty = 3,

    /// <summary>Deleted by the retention setting; the call's timeline says when.</summary>
    Deleted = 4,
}
