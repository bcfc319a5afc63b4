using Microsoft.Playwright;

namespace Sos.Tests.Infrastructure;

/// <summary>
/// The browser contexts of the running test. A collection's tests run one after another, so the contexts of the test
/// before are closed when the next opens its first: a page left open keeps its circuit rendering every second (timers,
/// live feeds, media), and a few dozen of them starved the machine CI runs on.
/// </summary>
public sealed class TestBrowserContexts
{
    private readonly List<IBrowserContext> contexts = [];
    private string? test;

    /// <summary>A new context for the running test, with the suite's default timeout.</summary>
    public async Task<IBrowserContext> NewAsync(IBrowser browser, BrowserNewContextOptions options)
    {
        var running = TestContext.Current.Test?.UniqueID;
        if (running != test)
        {
            foreach (var old in contexts)
            {
                await old.CloseAsync();
            }

            contexts.Clear();
            test = running;
        }

        var context = await browser.NewContextAsync(options);
        context.SetDefaultTimeout(20_000);
        contexts.Add(context);
        return context;
    }
}
