using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sos.Grains.Citizens;

namespace Sos.Silo.CitizenApi;

/// <summary>
/// The development stand-in for an SMS provider: each message becomes a file in <c>Sos:Citizen:SmsOutbox</c>
/// (<c>&lt;UTC time&gt;-&lt;phone&gt;.txt</c>, the number on the first line, a blank line, then the text), where a developer
/// or a test reads the code. Nothing leaves the machine.
/// </summary>
public sealed class OutboxSmsGateway(IOptions<CitizenOptions> options, ILogger<OutboxSmsGateway> logger) : ISmsGateway
{
    /// <inheritdoc />
    public async Task SendAsync(string phone, string text, CancellationToken cancellationToken)
    {
        var directory = options.Value.SmsOutbox!;
        Directory.CreateDirectory(directory);
        var digits = new string([.. phone.Where(char.IsAsciiDigit)]);
        var name = $"{DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmss.fffffff'Z'", CultureInfo.InvariantCulture)}-{digits}-{Guid.NewGuid():N}.txt";
        var path = Path.Combine(directory, name);
        await File.WriteAllTextAsync(path, $"{phone}\n\n{text}\n", cancellationToken);
        logger.LogInformation("SMS to {Phone} written to the development outbox {Path} (no SMS gateway is configured)", phone, path);
    }
}
