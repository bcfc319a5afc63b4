using System.Net;
using System.Text.Json;

namespace Sos.Tests.Infrastructure;

/// <summary>Assertions on device API errors.</summary>
public static class Problems
{
    /// <summary>
    /// Asserts that <paramref name="response"/> is a problem with <paramref name="status"/> and <paramref name="reason"/>:
    /// <c>application/problem+json</c>, the status repeated in the body, and no stack trace.
    /// </summary>
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, HttpStatusCode status, string reason)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        var problem = AssertWellFormed(response, body);
        Assert.Equal(reason, problem.GetProperty("reason").GetString());
        return problem;
    }

    /// <summary>Asserts that an error response is a well-formed problem without internals, and returns it.</summary>
    public static JsonElement AssertWellFormed(HttpResponseMessage response, string body)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(body);
        var problem = document.RootElement.Clone();
        Assert.Equal((int)response.StatusCode, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("reason").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        return problem;
    }
}
