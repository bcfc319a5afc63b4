namespace Sos.Bench;

/// <summary>A grain that does nothing: the cost of the actor path alone.</summary>
public interface INoopGrain : IGrainWithStringKey
{
    /// <summary>Returns at once.</summary>
    Task PingAsync();
}

/// <summary>The no-op grain.</summary>
public sealed class NoopGrain : Grain, INoopGrain
{
    /// <inheritdoc />
    public Task PingAsync() => Task.CompletedTask;
}
