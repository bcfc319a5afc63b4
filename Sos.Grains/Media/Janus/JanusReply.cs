using System.Text.Json.Nodes;

namespace Sos.Grains.Media.Janus;

/// <summary>A plugin's answer to a message: its data, and the SDP it sent (an offer or an answer) if any.</summary>
/// <param name="Data">The plugin's <c>plugindata.data</c>.</param>
/// <param name="Sdp">The SDP of the reply's <c>jsep</c>, if it had one.</param>
public sealed record JanusReply(JsonObject Data, string? Sdp);
