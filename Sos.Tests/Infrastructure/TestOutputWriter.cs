using System.Text;

namespace Sos.Tests.Infrastructure;

/// <summary>A <see cref="TextWriter"/> whose lines go to the test's output.</summary>
public sealed class TestOutputWriter(ITestOutputHelper output) : TextWriter
{
    private readonly StringBuilder line = new();
    private readonly Lock gate = new();

    /// <inheritdoc />
    public override Encoding Encoding => Encoding.UTF8;

    /// <inheritdoc />
    public override void Write(char value)
    {
        lock (gate)
        {
            if (value == '\n')
            {
                Flush(line.ToString().TrimEnd('\r'));
                line.Clear();
            }
            else
            {
                line.Append(value);
            }
        }
    }

    /// <inheritdoc />
    public override void WriteLine(string? value)
    {
        lock (gate)
        {
            Flush(line.Append(value).ToString());
            line.Clear();
        }
    }

    private void Flush(string text)
    {
        try
        {
            output.WriteLine(text);
        }
        catch (InvalidOperationException)
        {
            // The test has ended; a late progress line has nowhere to go.
        }
    }
}
