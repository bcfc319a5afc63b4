namespace Sos.Grains.Media.Janus;

/// <summary>
/// One plugin handle a grain keeps for its requests to a server (making and destroying rooms or mountpoints, asking
/// after them): attached on first use, attached again when the server changes or forgot it (its session expired).
/// </summary>
/// <param name="plugin">The plugin, such as <c>janus.plugin.videoroom</c>.</param>
public sealed class JanusControlHandle(string plugin)
{
    private (JanusClient Server, JanusHandle Handle)? held;

    /// <summary>Sends <paramref name="body"/> to the plugin on <paramref name="server"/>; a handle the server forgot is made again once.</summary>
    public async Task<JanusReply> RequestAsync(JanusClient server, System.Text.Json.Nodes.JsonObject body)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (held is not { } current || current.Server != server)
            {
                current = (server, await server.AttachAsync(plugin));
                held = current;
            }

            try
            {
                return await server.MessageAsync(current.Handle, body);
            }
            catch (JanusException exception) when (attempt == 0 && exception.Code is JanusException.NoSuchHandle or JanusException.NoSuchSession)
            {
                held = null;
            }
        }
    }

    /// <summary>Forgets the handle (its server was lost): the next request attaches a new one.</summary>
    public void Forget() => held = null;
}
