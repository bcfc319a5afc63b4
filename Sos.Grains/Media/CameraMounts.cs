using System.Text.Json.Nodes;
using Sos.Grains.Abstractions;
using Sos.Grains.Media.Janus;

namespace Sos.Grains.Media;

/// <summary>
/// A kiosk's RTSP camera as a Janus Streaming mountpoint: how one is made (video only, private, with its secret, made
/// once the camera answers) and how long since it last sent a picture. Used by a call's own mountpoint and by an
/// always-on camera's.
/// </summary>
public static class CameraMounts
{
    /// <summary>Streaming's "no such mountpoint".</summary>
    public const int NoSuchMountpoint = 455;

    /// <summary>Streaming's "mountpoint already exists".</summary>
    public const int MountpointExists = 456;

    /// <summary>The <c>create</c> request for <paramref name="source"/> as mountpoint <paramref name="id"/>.</summary>
    public static JsonObject Create(string adminKey, string id, string description, string? secret, CameraSource source)
    {
        var create = new JsonObject
        {
            ["request"] = "create",
            ["admin_key"] = adminKey,
            ["type"] = "rtsp",
            ["id"] = id,
            ["description"] = description,
            ["is_private"] = true,
            ["secret"] = secret,
            ["url"] = source.RtspUrl,
            ["video"] = true,
            ["audio"] = false,
            // Made once the camera answers (so its recording can start at once); a camera that does not is tried again.
            ["rtsp_failcheck"] = true,
            ["rtsp_conn_timeout"] = 3,
            ["permanent"] = false,
        };
        if (source.Credentials is { } credentials)
        {
            create["rtsp_user"] = credentials.Username;
            create["rtsp_pwd"] = credentials.Password;
        }

        return create;
    }

    /// <summary>
    /// How long the mountpoint in an <c>info</c> reply has received no video: its <c>age_ms</c>, or, before its first
    /// picture, the time since it was mounted at <paramref name="mountedAt"/>.
    /// </summary>
    public static TimeSpan QuietFor(JanusReply info, DateTimeOffset mountedAt, DateTimeOffset now)
    {
        var video = (info.Data["info"]?["media"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(m => (string?)m["type"] == "video");
        return video?["age_ms"] is JsonValue age && age.TryGetValue<long>(out var milliseconds) ? TimeSpan.FromMilliseconds(milliseconds) : now - mountedAt;
    }
}
