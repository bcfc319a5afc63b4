using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Sos.Tests.Media;

/// <summary>
/// A SIP <c>MESSAGE</c> sent as a station or its gateway sends it, with headers of its own (<c>X-Sos-Press-Id</c>),
/// by Debian's <c>sipsak</c> from the media address (it retransmits over UDP until answered, as SIP does), and the
/// answer it got.
/// </summary>
public static partial class SipMessage
{
    /// <summary>The answer: its status, and the call id Sos put in <c>X-Sos-Call-Id</c>, if any.</summary>
    /// <param name="Status">The SIP status, or 0 when none came.</param>
    /// <param name="CallId">The call the press opened or joined.</param>
    /// <param name="Output">What sipsak printed.</param>
    public sealed record Answer(int Status, Guid? CallId, string Output);

    /// <summary>
    /// Sends <paramref name="server"/> a MESSAGE (or <paramref name="method"/>) From <paramref name="from"/> with
    /// <paramref name="body"/>, the SIP <paramref name="callId"/> and <paramref name="cseq"/>, and
    /// <paramref name="pressId"/> as <c>X-Sos-Press-Id</c> when given. An INVITE carries an audio offer as its body.
    /// </summary>
    public static async Task<Answer> SendAsync(string server, string from, string body, string callId, int cseq = 1, Guid? pressId = null, string method = "MESSAGE")
    {
        var contentType = "text/plain";
        if (method == "INVITE")
        {
            var host = new Uri(from.Replace("sip:", "sip://", StringComparison.Ordinal)).Host;
            body = $"v=0\r\no=station 1 1 IN IP4 {host}\r\ns=-\r\nc=IN IP4 {host}\r\nt=0 0\r\nm=audio 40000 RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\n";
            contentType = "application/sdp";
        }

        var target = new Uri(server.Replace("sip:", "sip://", StringComparison.Ordinal));
        var file = Path.GetTempFileName();
        var lines = new List<string>
        {
            $"{method} {server} SIP/2.0",
            $"From: <{from}>;tag={callId.GetHashCode(StringComparison.Ordinal):x8}",
            $"To: <{server}>",
            $"Call-ID: {callId}",
            string.Create(CultureInfo.InvariantCulture, $"CSeq: {cseq} {method}"),
            "Max-Forwards: 70",
        };
        if (pressId is { } id)
        {
            lines.Add($"X-Sos-Press-Id: {id}");
        }

        if (method == "INVITE")
        {
            lines.Add($"Contact: <{from}>");
        }

        lines.Add($"Content-Type: {contentType}");
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}"));
        lines.Add(string.Empty);
        lines.Add(body);
        await File.WriteAllTextAsync(file, string.Join('\n', lines));
        try
        {
            var start = new ProcessStartInfo("sipsak", ["-f", file, "-s", server, "-k", target.Host, "-r", target.Port.ToString(CultureInfo.InvariantCulture), "-vv"])
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("sipsak did not start.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(40));
            await process.WaitForExitAsync(timeout.Token);
            var printed = await output + await error;
            var status = StatusLine().Match(printed) is { Success: true } line ? int.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            var call = CallIdHeader().Match(printed) is { Success: true } header ? Guid.Parse(header.Groups[1].Value) : (Guid?)null;
            return new Answer(status, call, printed);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [GeneratedRegex(@"SIP/2\.0 ([2-6][0-9]{2}) ", RegexOptions.CultureInvariant)]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"X-Sos-Call-Id: ([0-9a-fA-F-]{36})", RegexOptions.CultureInvariant)]
    private static partial Regex CallIdHeader();
}
