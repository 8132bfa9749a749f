namespace Compliance.Api.OfficerConsole;

/// <summary>The console's stylesheet and script, shipped inside the binary (no front-end toolchain, no CDN).</summary>
internal static class ConsoleAssets
{
    public static readonly string Css = Read("console.css");

    public static readonly string Script = Read("console.js");

    private static string Read(string name)
    {
        using var stream = typeof(ConsoleAssets).Assembly.GetManifestResourceStream("Compliance.Api.OfficerConsole." + name)
            ?? throw new InvalidOperationException($"the console asset {name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
