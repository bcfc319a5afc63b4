using System.Diagnostics;
using System.Net;
using Sos.Grains.Abstractions;
using Sos.Grains.Telemetry;
using Sos.Tests.Infrastructure;

namespace Sos.Tests;

/// <summary>What an operations centre's tracing and log shipping get from a press: one trace, and the call id on its lines.</summary>
[Collection(ApiCollection.Name)]
public sealed class TelemetryTests(ApiFixture fixture)
{
    private static readonly string[] Sources = ["Microsoft.AspNetCore", SosTracing.SourceName, "Microsoft.Orleans.Application"];

    [Fact]
    public async Task PressIsOneTraceFromTheHttpRequestThroughTheGrainsWithTheCallIdOnItsSpan()
    {
        var spans = new System.Collections.Concurrent.ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => Sources.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var kiosk = await fixture.AddKioskAsync();

        var response = await kiosk.PressAsync(fixture.Http, Guid.NewGuid());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var callId = (await fixture.Cluster.GetKiosk(kiosk.Id).GetAsync()).OpenCallId!.Value;

        var press = await Poll.UntilAsync(
            () => Task.FromResult(spans.FirstOrDefault(a => a.OperationName == "sos.press" && Equals(a.GetTagItem(SosTracing.KioskIdTag), kiosk.Id))),
            a => a is not null,
            "the press's span",
            TimeSpan.FromSeconds(5));
        Assert.Equal(callId, press!.GetTagItem(SosTracing.CallIdTag));
        // The request's own span stops once its answer is written, which may be after the client has read it.
        var trace = await Poll.UntilAsync(
            () => Task.FromResult(spans.Where(a => a.TraceId == press.TraceId).ToList()),
            t => t.Any(a => a.Source.Name == "Microsoft.AspNetCore" && a.Kind == ActivityKind.Server),
            "the press's HTTP request in its trace",
            TimeSpan.FromSeconds(5));
        Assert.True(trace.Count(a => a.Source.Name == "Microsoft.Orleans.Application") >= 2, $"grain calls in the press's trace: {string.Join(", ", trace.Select(a => a.OperationName))}");
        Assert.NotNull(press.ParentId);
    }

    [Fact]
    public async Task LinesWrittenWhileACallsGrainWorksCarryItsCallId()
    {
        var kiosk = await fixture.AddKioskAsync();

        await kiosk.PressAsync(fixture.Http, Guid.NewGuid());
        var callId = (await fixture.Cluster.GetKiosk(kiosk.Id).GetAsync()).OpenCallId!.Value;
        await kiosk.PressAsync(fixture.Http, Guid.NewGuid());

        var opened = Assert.Single(fixture.App.Logs.Entries, e => e.Message.Contains($"Call {callId} opened", StringComparison.Ordinal));
        Assert.Equal(callId, opened.Scopes["CallId"]);
        var joined = Assert.Single(fixture.App.Logs.Entries, e => e.Category.EndsWith("KioskGrain", StringComparison.Ordinal) && e.Message.Contains($"joined call {callId}", StringComparison.Ordinal));
        Assert.Equal(kiosk.Id, joined.Scopes["KioskId"]);
    }
}
