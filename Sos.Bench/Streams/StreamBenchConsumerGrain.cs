using System.Diagnostics;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Sos.Bench.Streams;

/// <summary>The consumer of the stream-provider benchmark: one activation a stream key, implicitly subscribed.</summary>
public interface IStreamBenchConsumerGrain : IGrainWithStringKey;

/// <summary>
/// Subscribed to <see cref="StreamBench.Namespace"/> on every provider (an implicit subscription is by namespace);
/// records each event's publish → receipt time, on the publisher's clock, with the silo's recorder.
/// </summary>
[ImplicitStreamSubscription(StreamBench.Namespace)]
public sealed class StreamBenchConsumerGrain(StreamBenchRecorder recorder)
    : Grain, IStreamBenchConsumerGrain, IStreamSubscriptionObserver, IAsyncObserver<StreamBenchEvent>
{
    /// <inheritdoc />
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) => handleFactory.Create<StreamBenchEvent>().ResumeAsync(this);

    /// <inheritdoc />
    public Task OnNextAsync(StreamBenchEvent item, StreamSequenceToken? token = null)
    {
        recorder.Received(item, Stopwatch.GetTimestamp());
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task OnCompletedAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
