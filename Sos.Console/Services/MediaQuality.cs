namespace Sos.Console.Services;

/// <summary>What the console's browser measures of a call's media (from <c>getStats()</c>).</summary>
/// <param name="Watching">A leg showing the kiosk exists.</param>
/// <param name="Talking">The operator's microphone is connected.</param>
/// <param name="State">The watching leg's connection state (new, connecting, connected, disconnected, failed).</param>
/// <param name="FramesDecoded">Video frames decoded so far.</param>
/// <param name="VideoWidth">The picture's width.</param>
/// <param name="VideoHeight">The picture's height.</param>
/// <param name="PacketsLost">Packets lost so far.</param>
/// <param name="PacketsReceived">Packets received so far.</param>
/// <param name="Bitrate">Video kbit/s over the last interval.</param>
/// <param name="AudioLevel">The caller's audio level, 0–1.</param>
/// <param name="MicLevel">The operator's microphone level, 0–1.</param>
public sealed record MediaQuality(
    bool Watching,
    bool Talking,
    string State,
    long FramesDecoded,
    int VideoWidth,
    int VideoHeight,
    long PacketsLost,
    long PacketsReceived,
    long Bitrate,
    double AudioLevel,
    double MicLevel)
{
    /// <summary>Packet loss in percent.</summary>
    public double LossPercent => PacketsReceived + PacketsLost == 0 ? 0 : 100.0 * PacketsLost / (PacketsReceived + PacketsLost);
}
