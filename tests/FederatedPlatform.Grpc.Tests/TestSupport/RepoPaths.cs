namespace FederatedPlatform.Grpc.Tests.TestSupport;

public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Peers => Path.Combine(Root, "tests", "FederatedPlatform.Grpc.Tests", "Interop", "peers");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FederatedPlatform.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("FederatedPlatform.sln not found above " + AppContext.BaseDirectory);
    }
}
