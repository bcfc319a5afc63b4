namespace Sos.Simulator;

/// <summary>One device API answer.</summary>
/// <param name="Status">The HTTP status; 0 when no answer came.</param>
/// <param name="Body">The body of a success.</param>
/// <param name="Retryable">Whether the same request may succeed later (503, no answer).</param>
/// <param name="RetryAfter">The server's <c>Retry-After</c>, if any.</param>
/// <typeparam name="T">The success body.</typeparam>
public sealed record ApiAnswer<T>(int Status, T? Body, bool Retryable, TimeSpan? RetryAfter)
{
    /// <summary>Whether it was a 2xx.</summary>
    public bool Succeeded => Status is >= 200 and < 300;
}
