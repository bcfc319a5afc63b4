using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Sos.Grains.Abstractions;
using Sos.Grains.Media.Janus;

namespace Sos.Grains.Media;

/// <summary>
/// A kiosk's test call through the media path without ringing anybody: Janus' EchoTest plugin sends the kiosk's own
/// camera and microphone straight back to it, so the kiosk measures what a call would carry (ICE, the network, the
/// media server). Nothing is recorded. The handle lives until <see cref="StopAsync"/> or its Janus session ends.
/// </summary>
public sealed class MediaLoopback(JanusServers servers, ILogger<MediaLoopback> logger)
{
    private const string EchoTest = "janus.plugin.echotest";

    /// <summary>
    /// Starts an echo of the kiosk's <paramref name="offerSdp"/> and returns the leg with the media server's answer.
    /// Throws <see cref="MediaUnavailableException"/> when no media server answers.
    /// </summary>
    public async Task<(LoopbackLeg Leg, string AnswerSdp)> StartAsync(string offerSdp, CancellationToken cancellationToken = default)
    {
        if (!servers.Enabled)
        {
            throw new MediaUnavailableException("Media is switched off (Sos:Media:Enabled): there is no media path to test.");
        }

        var server = await servers.PickAsync(cancellationToken) ?? throw new MediaUnavailableException($"No media server answers: {servers.Problem}");
        var handle = await server.AttachAsync(EchoTest, cancellationToken);
        try
        {
            var reply = await server.MessageAsync(handle, new JsonObject { ["audio"] = true, ["video"] = true }, "offer", offerSdp, cancellationToken);
            var answer = reply.Sdp ?? throw new JanusException(0, "The media server's echo answered without an SDP.");
            return (new LoopbackLeg(server.Url, handle), answer);
        }
        catch
        {
            await StopAsync(new LoopbackLeg(server.Url, handle));
            throw;
        }
    }

    /// <summary>Ends the echo (its PeerConnection hangs up); a leg already gone, or a server that went away, is fine.</summary>
    public async Task StopAsync(LoopbackLeg leg)
    {
        if (servers.Find(leg.ServerUrl) is not { } server)
        {
            return;
        }

        try
        {
            await server.DetachAsync(leg.Handle);
        }
        catch (Exception exception) when (exception is JanusException or HttpRequestException or TaskCanceledException)
        {
            logger.LogInformation("The media loopback on {Url} could not be detached ({Reason}); its Janus session ends it", leg.ServerUrl, exception.Message);
        }
    }

    /// <summary>One echo on one media server.</summary>
    /// <param name="ServerUrl">The media server's API address.</param>
    /// <param name="Handle">The EchoTest handle on it.</param>
    public readonly record struct LoopbackLeg(string ServerUrl, JanusHandle Handle);
}
