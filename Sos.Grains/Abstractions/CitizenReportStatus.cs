namespace Sos.Grains.Abstractions;

/// <summary>Where a citizen's report is.</summary>
[GenerateSerializer]
public enum CitizenReportStatus
{
    /// <summary>Received and waiting in the centre's reports inbox.</summary>
    Received = 0,

    /// <summary>A dispatcher has taken it.</summary>
    Claimed = 1,

    /// <summary>Closed, with a public note to the citizen.</summary>
    Closed = 2,
}
