using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Sos.Silo.DeviceApi;

/// <summary>Reads a JSON request body by the device API's rules: JSON only (415), at most 16 KiB (413), well-formed (400).</summary>
public static class DeviceApiBody
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { MaxDepth = 16 };

    /// <summary>The body as <typeparamref name="T"/> (at most <paramref name="maxBytes"/>), or the problem to answer instead.</summary>
    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, int maxBytes = DeviceApiOptions.MaxBodyBytes)
        where T : class
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        if (!request.HasJsonContentType())
        {
            return (null, DeviceApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Send the body as application/json."));
        }

        var buffer = ArrayPool<byte>.Shared.Rent(maxBytes + 1);
        try
        {
            var length = 0;
            try
            {
                int read;
                while (length <= maxBytes &&
                       (read = await request.Body.ReadAsync(buffer.AsMemory(length, maxBytes + 1 - length), request.HttpContext.RequestAborted)) > 0)
                {
                    length += read;
                }
            }
            catch (BadHttpRequestException exception)
            {
                return (null, exception.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? TooLarge(maxBytes)
                    : DeviceApiProblems.BadRequest("body-unreadable", "The request body could not be read."));
            }
            catch (IOException)
            {
                return (null, DeviceApiProblems.BadRequest("body-unreadable", "The request body could not be read."));
            }

            if (length > maxBytes)
            {
                return (null, TooLarge(maxBytes));
            }

            if (length == 0)
            {
                return (null, DeviceApiProblems.BadRequest("body-missing", "The request needs a JSON body."));
            }

            T? body;
            try
            {
                body = JsonSerializer.Deserialize<T>(buffer.AsSpan(0, length), Json);
            }
            catch (Exception exception) when (exception is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
            {
                return (null, DeviceApiProblems.BadRequest("malformed-json", $"The body is not the JSON object this endpoint takes{Where(exception)}."));
            }

            return body is null
                ? (null, DeviceApiProblems.BadRequest("malformed-json", "The body must be a JSON object, not null."))
                : (body, null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static IResult TooLarge(int maxBytes) =>
        DeviceApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "body-too-large", $"The body may be at most {maxBytes} bytes.");

    private static string Where(Exception exception) =>
        exception is JsonException { Path: { } path } json
            ? $" (at {path}, line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1})"
            : string.Empty;
}
