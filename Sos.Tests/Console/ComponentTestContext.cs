using Bunit;
using MudBlazor.Services;

namespace Sos.Tests.Console;

/// <summary>A bUnit context with MudBlazor's services; MudBlazor's own JavaScript calls are answered loosely.</summary>
public abstract class ComponentTestContext : BunitContext
{
    protected ComponentTestContext()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }
}
