using Sos.Grains.Abstractions;

namespace Sos.Console.Hosting;

/// <summary>
/// A call's evidence for the people who may read history: its playable recording (with range requests, so the player
/// can seek) and every file its manifest lists, as downloads. Only files the manifest lists are served.
/// </summary>
public static class EvidenceEndpoints
{
    /// <summary>Maps <c>/history/recording/{callId}</c> and <c>/history/evidence/{callId}/{path}</c>.</summary>
    public static IEndpointRouteBuilder MapEvidence(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/history").RequireAuthorization(policy => policy.RequireRole(SosRoles.Dispatcher, SosRoles.Supervisor));
        group.MapGet("/recording/{callId:guid}", RecordingAsync);
        group.MapGet("/evidence/{callId:guid}/{**path}", FileAsync);
        return endpoints;
    }

    /// <summary>Where a call's recording plays from.</summary>
    public static string RecordingUrl(Guid callId) => $"/history/recording/{callId}";

    /// <summary>Where one file of a call's evidence downloads from.</summary>
    public static string FileUrl(Guid callId, string path) => $"/history/evidence/{callId}/{string.Join('/', path.Split('/').Select(Uri.EscapeDataString))}";

    private static async Task<IResult> RecordingAsync(Guid callId, IClusterClient client)
    {
        var evidence = await client.GetEvidence(callId).GetAsync();
        // The listening copy (both voices in one track) when there is one: players play one audio track.
        var listening = evidence.Files.FirstOrDefault(f => f.Kind == "listening-copy")?.Path;
        return evidence is { Status: EvidenceStatus.Kept, Directory: { } directory, Recording: { } recording }
            ? Results.File(Path.Combine(directory, listening ?? recording), "video/webm", enableRangeProcessing: true)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No recording", detail: $"Call {callId} has no kept recording.");
    }

    private static async Task<IResult> FileAsync(Guid callId, string path, IClusterClient client)
    {
        var evidence = await client.GetEvidence(callId).GetAsync();
        if (evidence is not { Status: EvidenceStatus.Kept, Directory: { } directory })
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No evidence", detail: $"Call {callId} has no kept evidence.");
        }

        var listed = path == EvidenceSnapshot.ManifestFile || evidence.Files.Any(f => f.Path == path);
        return listed
            ? Results.File(Path.Combine(directory, path), path.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "application/octet-stream", $"{callId:N}-{Path.GetFileName(path)}")
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not evidence", detail: $"{path} is not a file of call {callId}'s evidence.");
    }
}
