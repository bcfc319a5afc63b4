namespace Sos.Tests.Browser;

/// <summary>The repository's root folder (where Sos.sln is), found from the test's output folder.</summary>
public static class RepositoryRoot
{
    /// <summary>The root's full path.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Sos.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Sos.sln above {AppContext.BaseDirectory}.");
    }
}
